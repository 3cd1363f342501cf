using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace A3C.Host.Terminal;

/// <summary>How a column of a <see cref="FittedTable"/> may give way to a narrow width.</summary>
public enum FitColumn
{
    /// <summary>Right-aligned figures, never wrapped: a number cut in two reads as two numbers.</summary>
    Number,

    /// <summary>Short text, never wrapped.</summary>
    Text,

    /// <summary>
    /// Paths, addresses, names: wrapped onto more lines where they break naturally (before a
    /// <c>/</c>, after a space, <c>-</c>, <c>_</c>, <c>.</c>, <c>:</c>, <c>@</c>), the widest first.
    /// </summary>
    Wrapped,
}

/// <summary>
/// A table laid out for a given width: as it is, with borders or without; else its wrappable
/// columns are wrapped at natural breaks until the table fits, first with borders, then without. Every row is always shown; a table
/// that cannot fit even so is printed as narrow as it goes, never collapsed.
/// </summary>
public sealed class FittedTable
{
    private const int MinimumWrapWidth = 6;

    private readonly List<(string Header, FitColumn Kind)> _columns = [];
    private readonly List<(string Text, Style? Style)[]> _rows = [];

    public FittedTable Column(string header, FitColumn kind)
    {
        _columns.Add((header, kind));
        return this;
    }

    public FittedTable Row(params string[] cells) => Row(cells.Select(c => (c, (Style?)null)).ToArray());

    public FittedTable Row(params (string Text, Style? Style)[] cells)
    {
        if (cells.Length != _columns.Count) throw new ArgumentException($"{cells.Length} cells for {_columns.Count} columns");
        _rows.Add(cells);
        return this;
    }

    public int RowCount => _rows.Count;

    /// <summary>
    /// The table for <paramref name="width"/> columns; when even a borderless table with its names
    /// wrapped at natural breaks is too wide, each row becomes a block: its names on one line,
    /// then its figures as <c>header value</c> pairs, wrapped between pairs.
    /// </summary>
    public IRenderable Build(int width)
    {
        var natural = _columns.Select((_, i) => NaturalWidth(i)).ToArray();
        // Dropping the borders costs less reading than breaking a value over two lines.
        foreach (var bordered in new[] { true, false })
        {
            var whole = Render(bordered, natural);
            if (Measure(whole) <= width) return whole;
        }
        foreach (var bordered in new[] { true, false })
        {
            var fixedWidth = Measure(Render(bordered, natural)) - WrappedColumns().Sum(i => natural[i]);
            var limits = Allot(natural, width - fixedWidth);
            var table = Render(bordered, limits);
            if (Measure(table) <= width) return table;
        }
        return Stacked(width);
    }

    private IRenderable Stacked(int width)
    {
        var text = new StringBuilder();
        var names = Enumerable.Range(0, _columns.Count).Where(i => _columns[i].Kind != FitColumn.Number).ToArray();
        var figures = Enumerable.Range(0, _columns.Count).Where(i => _columns[i].Kind == FitColumn.Number).ToArray();
        foreach (var row in _rows)
        {
            text.Append(Wrap(string.Join("  ", names.Select(i => row[i].Text.Replace('\n', ' '))), width)).Append('\n');
            var line = new StringBuilder("  ");
            foreach (var i in figures)
            {
                var pair = $"{_columns[i].Header} {row[i].Text}";
                if (line.Length > 2 && line.Length + 2 + pair.Length > width)
                {
                    text.Append(line).Append('\n');
                    line.Clear().Append("  ");
                }
                if (line.Length > 2) line.Append("  ");
                line.Append(pair);
            }
            if (figures.Length > 0) text.Append(line).Append('\n');
        }
        return new Text(text.ToString());
    }

    private IEnumerable<int> WrappedColumns() => Enumerable.Range(0, _columns.Count).Where(i => _columns[i].Kind == FitColumn.Wrapped);

    private int NaturalWidth(int column) =>
        Math.Max(_columns[column].Header.Length, _rows.Select(r => r[column].Text.Split('\n').Max(l => l.Length)).DefaultIfEmpty(0).Max());

    /// <summary>Narrows the widest wrappable column, one character at a time, until they share <paramref name="available"/>.</summary>
    private int[] Allot(int[] natural, int available)
    {
        var limits = (int[])natural.Clone();
        var wrapped = WrappedColumns().ToArray();
        var floor = wrapped.ToDictionary(i => i, i => Math.Min(natural[i], Math.Max(MinimumWrapWidth, Math.Max(_columns[i].Header.Length, LongestPiece(i)))));
        while (wrapped.Sum(i => limits[i]) > available)
        {
            var candidates = wrapped.Where(i => limits[i] > floor[i]).ToArray();
            if (candidates.Length == 0) break;
            var widest = candidates.MaxBy(i => limits[i]);
            limits[widest]--;
        }
        return limits;
    }

    /// <summary>A name is never cut inside a piece while the table is laid out as a table.</summary>
    private int LongestPiece(int column) =>
        _rows.SelectMany(r => Pieces(r[column].Text.Replace('\n', ' '))).Select(p => p.Trim().Length).DefaultIfEmpty(0).Max();

    private Table Render(bool bordered, int[] limits)
    {
        var table = new Table { Border = bordered ? TableBorder.Square : TableBorder.None, Expand = false };
        for (var i = 0; i < _columns.Count; i++)
        {
            var column = new TableColumn(new Text(_columns[i].Header)).NoWrap();
            if (_columns[i].Kind == FitColumn.Number) column.RightAligned();
            if (!bordered) column.Padding(0, 0, i == _columns.Count - 1 ? 0 : 1, 0);
            table.AddColumn(column);
        }
        foreach (var row in _rows)
        {
            table.AddRow(row.Select((cell, i) => (IRenderable)new Text(
                _columns[i].Kind == FitColumn.Wrapped ? Wrap(cell.Text, limits[i]) : cell.Text, cell.Style ?? Style.Plain)).ToArray());
        }
        return table;
    }

    /// <summary>The table's widest line when rendered with no width limit.</summary>
    private static int Measure(Table table)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(text),
        });
        console.Profile.Width = 100_000;
        console.Write(table);
        return text.ToString().Split('\n').Max(line => line.TrimEnd('\r').TrimEnd().Length);
    }

    /// <summary>Greedy wrap at natural breaks; a piece longer than the width is cut only when nothing else fits.</summary>
    public static string Wrap(string text, int width)
    {
        if (width <= 0 || text.Length <= width) return text;
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var piece in Pieces(text))
        {
            if (line.Length > 0 && line.Length + piece.Length > width)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
            }
            var rest = line.Length == 0 ? piece.TrimStart() : piece;
            while (rest.Length > width)
            {
                lines.Add(rest[..width]);
                rest = rest[width..];
            }
            line.Append(rest);
        }
        if (line.Length > 0) lines.Add(line.ToString().TrimEnd());
        return string.Join('\n', lines);
    }

    private static IEnumerable<string> Pieces(string text)
    {
        var start = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var previous = text[i - 1];
            var breakBefore = text[i] == '/' && previous != '/' && previous != ':';
            var breakAfter = previous is ' ' or '-' or '_' or '.' or '@' || (previous == ':' && text[i] != '/');
            if (breakBefore || breakAfter)
            {
                yield return text[start..i];
                start = i;
            }
        }
        yield return text[start..];
    }
}
