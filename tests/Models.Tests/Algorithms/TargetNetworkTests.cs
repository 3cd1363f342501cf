using A3C.Models.Algorithms;
using A3C.Models.Networks;
using static TorchSharp.torch;

namespace A3C.Models.Tests.Algorithms;

public sealed class TargetNetworkTests
{
    [Fact]
    public void Polyak_moves_the_target_a_fraction_tau_towards_the_online_weights_and_hard_copies_them()
    {
        using var scope = NewDisposeScope();
        using var online = new Mlp(2, [3], 1);
        using var target = new Mlp(2, [3], 1);
        var n = FlatParameters.Length(online.ParameterList);
        var w = Enumerable.Range(0, (int)n).Select(i => (float)i).ToArray();
        var t = Enumerable.Range(0, (int)n).Select(i => 100f - i).ToArray();
        FlatParameters.CopyFrom(online.ParameterList, w);
        FlatParameters.CopyFrom(target.ParameterList, t);

        TargetNetwork.Polyak(target.ParameterList, online.ParameterList, tau: 0.25);
        var after = FlatParameters.Export(target.ParameterList);
        for (var i = 0; i < n; i++) Assert.Equal(0.25 * w[i] + 0.75 * t[i], after[i], 4);
        Assert.Equal(w, FlatParameters.Export(online.ParameterList));

        TargetNetwork.HardUpdate(target.ParameterList, online.ParameterList);
        Assert.Equal(w, FlatParameters.Export(target.ParameterList));
    }

    [Fact]
    public void Networks_of_different_shapes_are_refused()
    {
        using var online = new Mlp(2, [3], 1);
        using var target = new Mlp(2, [4], 1);
        Assert.Throws<ArgumentException>(() => TargetNetwork.Polyak(target.ParameterList, online.ParameterList, 0.5));
    }
}
