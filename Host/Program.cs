namespace A3C.Host;

public static class Program
{
    public static int Main(string[] args) => 0;
}
