namespace A3C.Bench.Environments;

public static class Program
{
    public static int Main(string[] args) => 0;
}
