using System.Diagnostics;

namespace A3C.Host.Tests.Monitoring;

/// <summary>
/// Renders a page in headless Chromium and returns the DOM after the page's scripts ran for a few
/// seconds of virtual time. Needs Debian's <c>chromium</c> package (or <c>A3C_CHROMIUM</c> set to a binary).
/// </summary>
public static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    /// <summary>The browser binary, or a failed assertion that says how to install it.</summary>
    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("A3C_CHROMIUM");
        var found = !string.IsNullOrEmpty(configured) ? configured : Candidates.FirstOrDefault(File.Exists);
        Assert.True(found is not null && File.Exists(found),
            "headless Chromium is needed for the dashboard test and was not found: install it with " +
            "`apt-get install -y chromium` (Debian) or set A3C_CHROMIUM to a Chromium binary");
        return found!;
    }

    public static async Task<string> DumpDomAsync(Uri url, TimeSpan hangGuard)
    {
        var profile = Directory.CreateTempSubdirectory("a3c-chromium-");
        try
        {
            var start = new ProcessStartInfo(Locate())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullName}", "--virtual-time-budget=5000", "--dump-dom", url.ToString(),
            }) start.ArgumentList.Add(argument);

            using var browser = Process.Start(start)!;
            var output = browser.StandardOutput.ReadToEndAsync();
            var errors = browser.StandardError.ReadToEndAsync();
            using var guard = new CancellationTokenSource(hangGuard);
            try
            {
                await browser.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                browser.Kill(entireProcessTree: true);
                Assert.Fail($"chromium did not finish rendering {url} within {hangGuard.TotalSeconds:F0} s");
            }
            var dom = await output;
            Assert.True(browser.ExitCode == 0 && dom.Length > 0,
                $"chromium exited with {browser.ExitCode} rendering {url}: {await errors}");
            return dom;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
