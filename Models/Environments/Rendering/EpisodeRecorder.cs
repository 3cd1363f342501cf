namespace A3C.Models.Environments.Rendering;

/// <summary>Collects rendered frames of an episode and saves them as an animated GIF or numbered PNG files.</summary>
public sealed class EpisodeRecorder
{
    private readonly List<RgbFrame> frames = [];

    public IReadOnlyList<RgbFrame> Frames => frames;

    /// <summary>Renders the environment's current state and keeps the frame.</summary>
    public void Capture<TObs>(IEnvironment<TObs> env)
        where TObs : unmanaged
    {
        ArgumentNullException.ThrowIfNull(env);
        frames.Add(env.Render());
    }

    public void Clear() => frames.Clear();

    /// <param name="delayHundredths">Display time per frame in hundredths of a second (4 gives 25 frames/s).</param>
    public void SaveGif(string path, int delayHundredths = 4)
    {
        EnsureFrames();
        GifWriter.Write(frames, path, delayHundredths);
    }

    /// <summary>Writes <c>frame_00000.png</c>, <c>frame_00001.png</c>, ... into the directory (created if missing); returns the paths.</summary>
    public IReadOnlyList<string> SavePngFrames(string directory)
    {
        EnsureFrames();
        Directory.CreateDirectory(directory);
        var paths = new string[frames.Count];
        for (var i = 0; i < frames.Count; i++)
        {
            paths[i] = Path.Combine(directory, $"frame_{i:D5}.png");
            PngWriter.Write(frames[i], paths[i]);
        }
        return paths;
    }

    private void EnsureFrames()
    {
        if (frames.Count == 0)
            throw new InvalidOperationException("No frames were captured; call Capture after Reset and after each Step.");
    }
}
