using System.Globalization;
using System.Text;
using A3C.Actors.Training.Messages;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace A3C.Host.Terminal;

/// <summary>
/// <c>a3c train</c>'s display in a terminal: a bar toward the frame budget or the reward bound
/// (see <see cref="ProgressEstimate"/>) with its percentage and the time left, and below it the
/// key figures, redrawn in place at each progress record. Lines written to <see cref="Console.Out"/>
/// and (when it is the terminal too) <see cref="Console.Error"/> while it shows are printed above it,
/// so a warning or a restart never tears it.
/// </summary>
public sealed class LiveProgress : IAsyncDisposable
{
    /// <summary>The rates behind the time left are taken over this much of the recent past.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(30);

    private const int MaxBarWidth = 40;

    private readonly IAnsiConsole _console;
    private readonly long _maxFrames;
    private readonly double? _rewardBound;
    private readonly object _gate = new();
    private readonly Queue<TrainingProgress> _recent = new();
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TextWriter? _previousOut;
    private readonly TextWriter? _previousError;
    private double _firstReward = double.NaN;
    private LiveDisplayContext? _context;
    private IRenderable _view;
    private Task _display = Task.CompletedTask;

    private LiveProgress(IAnsiConsole console, long maxFrames, double? rewardBound, bool captureConsole)
    {
        _console = console;
        _maxFrames = maxFrames;
        _rewardBound = rewardBound;
        _view = View(null, default, console.Profile.Width);
        if (captureConsole)
        {
            _previousOut = Console.Out;
            _previousError = Console.Error;
            Console.SetOut(new LineForwarder(this));
            if (!Console.IsErrorRedirected) Console.SetError(new LineForwarder(this));
        }
    }

    /// <param name="console">Where the display goes; it must not write to <see cref="Console.Out"/> when <paramref name="captureConsole"/> is set.</param>
    /// <param name="captureConsole">Route lines written to the process's console above the display until it is disposed.</param>
    public static async Task<LiveProgress> StartAsync(IAnsiConsole console, long maxFrames, double? rewardBound, bool captureConsole)
    {
        var live = new LiveProgress(console, maxFrames, rewardBound, captureConsole);
        live._display = console.Live(live._view).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async context =>
        {
            lock (live._gate)
            {
                live._context = context;
                context.UpdateTarget(live._view);
                context.Refresh();
            }
            live._started.TrySetResult();
            await live._stop.Task;
        });
        await Task.WhenAny(live._started.Task, live._display);
        return live;
    }

    /// <summary>The latest estimate, for tests and the plain fallback.</summary>
    public ProgressEstimate Estimate { get; private set; }

    public void Report(TrainingProgress progress)
    {
        lock (_gate)
        {
            if (double.IsNaN(_firstReward) && !double.IsNaN(progress.MeanReward)) _firstReward = progress.MeanReward;
            _recent.Enqueue(progress);
            while (_recent.Count > 2 && progress.Elapsed - _recent.Peek().Elapsed > RateWindow) _recent.Dequeue();
            Estimate = Compute(progress);
            _view = View(progress, Estimate, _console.Profile.Width);
            _context?.UpdateTarget(_view);
            _context?.Refresh();
        }
    }

    private ProgressEstimate Compute(TrainingProgress latest)
    {
        var oldest = _recent.Peek();
        var seconds = (latest.Elapsed - oldest.Elapsed).TotalSeconds;
        var framesPerSecond = seconds > 0 ? (latest.Frames - oldest.Frames) / seconds : latest.FramesPerSecond;
        var rewardPerSecond = seconds > 0 && !double.IsNaN(oldest.MeanReward) && !double.IsNaN(latest.MeanReward)
            ? (latest.MeanReward - oldest.MeanReward) / seconds
            : double.NaN;
        return ProgressEstimate.Compute(latest.Frames, _maxFrames, latest.MeanReward, _rewardBound, _firstReward, framesPerSecond, rewardPerSecond);
    }

    private IRenderable View(TrainingProgress? p, ProgressEstimate estimate, int width)
    {
        var goal = estimate.Target == ProgressTarget.RewardBound && _rewardBound is { } bound
            ? $"toward reward {Decimal(bound, 1)}"
            : $"of {Integer(_maxFrames)} frames";
        var percent = ((int)Math.Floor(estimate.Fraction * 100)).ToString(CultureInfo.InvariantCulture) + "%";
        var left = p is null ? "starting" : $"{TimeLeft(estimate.TimeLeft)} left";
        var tail = $" {percent,4}  {goal}  {left}";
        var barWidth = Math.Clamp(width - tail.Length - 1, 10, MaxBarWidth);
        var done = (int)Math.Round(estimate.Fraction * barWidth);
        var bar = $"[green]{new string('━', done)}[/][grey]{new string('━', barWidth - done)}[/]";
        var figures = p is null
            ? "waiting for the first progress record"
            : $"frames {Integer(p.Frames)}  fps {Integer(p.FramesPerSecond)}  reward {(double.IsNaN(p.MeanReward) ? "-" : Decimal(p.MeanReward, 1))}  " +
              $"episodes {Integer(p.Episodes)}  updates {Integer(p.Updates)}  restarts {Integer(p.WorkerRestarts)}  {Elapsed(p.Elapsed)}";
        return new Rows(new Markup(bar + Markup.Escape(tail)), new Text(figures));
    }

    /// <summary><c>1:02:03</c>, <c>4:05</c>, or <c>?</c> while no rate is known.</summary>
    public static string TimeLeft(TimeSpan? left) => left switch
    {
        null => "?",
        { TotalHours: >= 1 } t => $"{(long)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}",
        { } t => $"{t.Minutes}:{t.Seconds:00}",
    };

    private static string Elapsed(TimeSpan elapsed) => TimeLeft(elapsed) + " elapsed";

    private static string Integer(double value) => double.IsFinite(value) ? value.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Decimal(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Leaves the last drawing on screen, below which the caller prints its summary.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.TrySetResult();
        try
        {
            await _display;
        }
        finally
        {
            if (_previousOut is not null) Console.SetOut(_previousOut);
            if (_previousError is not null) Console.SetError(_previousError);
        }
    }

    private void WriteLine(string line)
    {
        lock (_gate) _console.Write(new Text(line + "\n"));
    }

    /// <summary>Collects what the rest of the process writes and hands it over a line at a time.</summary>
    private sealed class LineForwarder(LiveProgress live) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            string? complete = null;
            lock (_line)
            {
                if (value == '\n')
                {
                    complete = _line.ToString().TrimEnd('\r');
                    _line.Clear();
                }
                else
                {
                    _line.Append(value);
                }
            }
            if (complete is not null) live.WriteLine(complete);
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            foreach (var c in value) Write(c);
        }

        public override void WriteLine(string? value)
        {
            // Whole lines from different threads stay whole.
            lock (_line)
            {
                Write(value);
                Write('\n');
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _line.Length > 0) live.WriteLine(_line.ToString());
            base.Dispose(disposing);
        }
    }
}
