using A3C.Actors.Training;
using A3C.Actors.Training.Cluster;
using Akka.Actor;
using Akka.Cluster;

namespace A3C.Host.Commands;

/// <summary>
/// What the command line attaches to a learner node's run: the cluster formed (<see cref="LearnerNode"/>),
/// how to add workers, and membership changes on the console, one line each.
/// </summary>
internal sealed class LearnerNodeAttachment : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _membershipLog;

    private LearnerNodeAttachment(ActorSystem system, IActorRef membershipLog)
    {
        _system = system;
        _membershipLog = membershipLog;
    }

    public static LearnerNodeAttachment Start(ActorSystem system, TrainingRecipe recipe, TextWriter log)
    {
        var membershipLog = system.ActorOf(Props.Create(() => new MembershipLog(log)), "membership-log");
        LearnerNode.Start(system, recipe);
        var self = Akka.Cluster.Cluster.Get(system).SelfAddress;
        log.WriteLine($"cluster: learner node at {self}; add workers with: a3c node --role worker --seed {self.Host}:{self.Port} --config FILE");
        return new LearnerNodeAttachment(system, membershipLog);
    }

    public ValueTask DisposeAsync()
    {
        _system.Stop(_membershipLog);
        return ValueTask.CompletedTask;
    }

    /// <summary>Members joining and leaving, as the learner's console shows them.</summary>
    private sealed class MembershipLog : ReceiveActor
    {
        public MembershipLog(TextWriter log)
        {
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            Receive<ClusterEvent.MemberUp>(up => log.WriteLine($"cluster: {Roles(up.Member)} node up at {up.Member.Address}"));
            Receive<ClusterEvent.MemberRemoved>(removed =>
                log.WriteLine($"cluster: {Roles(removed.Member)} node at {removed.Member.Address} removed (was {removed.PreviousStatus.ToString().ToLowerInvariant()})"));
            Receive<ClusterEvent.UnreachableMember>(unreachable => log.WriteLine($"cluster: {Roles(unreachable.Member)} node at {unreachable.Member.Address} unreachable"));
            Receive<ClusterEvent.ReachableMember>(reachable => log.WriteLine($"cluster: {Roles(reachable.Member)} node at {reachable.Member.Address} reachable again"));
            ReceiveAny(_ => { });
            cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.IReachabilityEvent));
        }

        private static string Roles(Member member) => member.Roles.Count == 0 ? "a" : string.Join("/", member.Roles);

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
