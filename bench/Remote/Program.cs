namespace A3C.Bench.Remote;

public static class Program
{
    public static int Main(string[] args) => 0;
}
