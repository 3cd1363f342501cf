namespace A3C.Bench.Torch;

public static class Program
{
    public static int Main(string[] args) => 0;
}
