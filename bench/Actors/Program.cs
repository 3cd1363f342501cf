namespace A3C.Bench.Actors;

public static class Program
{
    public static int Main(string[] args) => 0;
}
