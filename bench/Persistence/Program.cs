namespace A3C.Bench.Persistence;

public static class Program
{
    public static int Main(string[] args) => 0;
}
