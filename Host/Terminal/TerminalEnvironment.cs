using System.Globalization;
using Spectre.Console;

namespace A3C.Host.Terminal;

/// <summary>
/// What standard output is connected to, and so what the CLI may write there.
/// <list type="bullet">
/// <item>Escape codes (colours, cursor movement) only when stdout is a terminal and <c>TERM</c> is not <c>dumb</c>;
/// never into a pipe or a file.</item>
/// <item>Colours additionally only without <c>NO_COLOR</c>.</item>
/// <item>The live progress display of <c>a3c train</c> only where escape codes are allowed and <c>CI</c> is not set
/// (a CI log keeps every frame of a redrawn display); elsewhere one plain line per progress interval.</item>
/// <item>The width is <c>COLUMNS</c> when set, else the terminal's, else 80.</item>
/// </list>
/// </summary>
public sealed record TerminalEnvironment(bool OutputRedirected, string? Term, bool NoColor, bool Ci, int? Columns)
{
    public const int DefaultWidth = 80;

    public static TerminalEnvironment Current() => FromVariables(Console.IsOutputRedirected, Environment.GetEnvironmentVariable);

    public static TerminalEnvironment FromVariables(bool outputRedirected, Func<string, string?> variable) => new(
        outputRedirected,
        variable("TERM"),
        // no-color.org: set and not empty.
        !string.IsNullOrEmpty(variable("NO_COLOR")),
        !string.IsNullOrEmpty(variable("CI")),
        int.TryParse(variable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0 ? columns : null);

    /// <summary>Escape codes may be written: a terminal that understands them.</summary>
    public bool Ansi => !OutputRedirected && !string.Equals(Term, "dumb", StringComparison.Ordinal);

    public bool Colors => Ansi && !NoColor;

    /// <summary>A display redrawn in place suits this output.</summary>
    public bool Live => Ansi && !Ci;

    /// <summary>The width to lay tables out in; null means "ask the terminal each time".</summary>
    public int? FixedWidth => Columns ?? (OutputRedirected ? DefaultWidth : null);

    /// <summary>A console on <paramref name="writer"/> (stdout as it was when this process started) that follows these rules.</summary>
    public IAnsiConsole CreateConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = Ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = Colors ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Live ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new TerminalOutput(writer, this),
        });
        return console;
    }

    /// <summary>Stdout with the width rule above; a terminal's width is read again on every render, so a resize is followed.</summary>
    private sealed class TerminalOutput(TextWriter writer, TerminalEnvironment environment) : IAnsiConsoleOutput
    {
        public TextWriter Writer => writer;

        public bool IsTerminal => !environment.OutputRedirected;

        public int Width => environment.FixedWidth ?? SafeWindow(() => Console.WindowWidth, DefaultWidth);

        public int Height => SafeWindow(() => Console.WindowHeight, 24);

        public void SetEncoding(System.Text.Encoding encoding)
        {
        }

        private static int SafeWindow(Func<int> read, int fallback)
        {
            try
            {
                var value = read();
                return value > 0 ? value : fallback;
            }
            catch (IOException)
            {
                return fallback;
            }
        }
    }
}
