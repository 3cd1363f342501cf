using System.Diagnostics;
using Akka.Actor;

namespace A3C.Actors.Monitoring;

/// <summary>
/// A <see cref="ReceiveActor"/> whose messages, failures and restarts are counted and whose
/// mailbox depth is published, through its system's <see cref="ActorMetrics"/>. Derive from it
/// instead of <see cref="ReceiveActor"/>; nothing else changes for the actor.
/// </summary>
/// <remarks>
/// It wraps Akka's lifecycle hooks, as Akka.NET's own instrumentation does: every message
/// passes through <see cref="AroundReceive"/>, a restart in place through
/// <see cref="AroundPostRestart"/> on the fresh instance, a final stop through
/// <see cref="AroundPostStop"/>. Per message it costs an increment and a mask test; one message
/// in the sample interval also reads the clock twice and records the time. No lock, no
/// allocation. The mailbox depth is the count Akka's own queue keeps, read when collected, so
/// any mailbox type works and enqueuing costs nothing more.
/// </remarks>
public abstract class InstrumentedReceiveActor : ReceiveActor
{
    private ActorMetrics? _metrics;
    private ActorInstruments? _instruments;

    public override void AroundPreStart()
    {
        _metrics = ActorMetrics.Get(Context.System);
        _instruments = _metrics.Started(Context, GetType());
        try
        {
            base.AroundPreStart();
        }
        catch (Exception)
        {
            // Akka drops an instance that fails to start without calling AroundPostStop: it is
            // stopped here, by a failure, so that a new incarnation counts as a restart.
            _instruments.CountFailure();
            _metrics.Stopped(_instruments);
            throw;
        }
    }

    protected override bool AroundReceive(Receive receive, object message)
    {
        var instruments = _instruments;
        if (instruments is null) return base.AroundReceive(receive, message);
        if (!instruments.CountMessage())
        {
            try
            {
                return base.AroundReceive(receive, message);
            }
            catch (Exception)
            {
                instruments.CountFailure();
                throw;
            }
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return base.AroundReceive(receive, message);
        }
        catch (Exception)
        {
            instruments.CountFailure();
            throw;
        }
        finally
        {
            instruments.RecordProcessingTime(Stopwatch.GetTimestamp() - started);
        }
    }

    public override void AroundPostRestart(Exception cause, object message)
    {
        _metrics = ActorMetrics.Get(Context.System);
        _instruments = _metrics.Restarted(Context, GetType());
        try
        {
            base.AroundPostRestart(cause, message);
        }
        catch (Exception)
        {
            _instruments.CountFailure();
            throw;
        }
    }

    public override void AroundPostStop()
    {
        try
        {
            base.AroundPostStop();
        }
        finally
        {
            if (_instruments is { } instruments) _metrics?.Stopped(instruments);
        }
    }
}
