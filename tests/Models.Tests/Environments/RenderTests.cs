using A3C.Models.Environments;
using A3C.Models.Environments.ClassicControl;
using A3C.Models.Environments.Rendering;

namespace A3C.Models.Tests.Environments;

public class RenderTests
{
    public static TheoryData<string> Ids => [.. EnvironmentRegistry.Standard.Ids];

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_registered_environment_draws_a_frame_with_more_than_one_colour(string id)
    {
        var registry = EnvironmentRegistry.Standard;
        RgbFrame frame;
        if (registry.Spec(id).ObservationType == ElementType.UInt8)
        {
            var env = registry.Make<byte>(id);
            env.Reset(new byte[env.ObservationSpace.Size], 0);
            frame = env.Render();
        }
        else
        {
            var env = registry.Make<float>(id);
            env.Reset(new float[env.ObservationSpace.Size], 0);
            frame = env.Render();
        }
        Assert.Equal(frame.Width * frame.Height * 3, frame.Pixels.Length);
        var colours = new HashSet<Rgb>();
        for (var y = 0; y < frame.Height; y++)
        {
            for (var x = 0; x < frame.Width; x++)
                colours.Add(frame[x, y]);
        }
        Assert.True(colours.Count >= 2, $"{id} rendered {colours.Count} colour(s)");
    }

    [Fact]
    public void Cart_is_drawn_where_its_position_puts_it()
    {
        var env = new CartPole();
        env.Reset(new float[4], 0);
        env.SetState([-1.2, 0, 0, 0]);
        var left = env.Render();
        env.SetState([1.2, 0, 0, 0]);
        var right = env.Render();
        // 300 px span 4.8 units: x = -1.2 centres the cart at pixel 75, x = 1.2 at pixel 225; the cart row is at 0.7 * 200.
        Assert.Equal(Rgb.Black, left[75, 140]);
        Assert.Equal(Rgb.White, left[225, 140]);
        Assert.Equal(Rgb.Black, right[225, 140]);
        Assert.Equal(Rgb.White, right[75, 140]);
    }
}
