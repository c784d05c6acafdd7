using System.Diagnostics;

namespace CrewChief.Tests.Review;

/// <summary>
/// Runs tests/browser/check.mjs: Debian's Chromium, headless, driven by playwright-core, against the live page of
/// a running `demo --speed 10`, its OBS overlay, and the reviews of a demo race and a real .ibt. Screenshots go to
/// artifacts/browser/. Skips with the reason where Chromium, node or playwright-core is absent
/// (scripts/browser-deps.sh installs them; CI runs it).
/// </summary>
public class BrowserChecks
{
    [Fact]
    public async Task LivePage_Overlay_AndReviews_InARealBrowser()
    {
        string root = SharedData.RepoRoot;
        string script = Path.Combine(root, "tests", "browser", "check.mjs");
        if (!File.Exists("/usr/bin/chromium")) Assert.Skip("Chromium is absent (bash scripts/browser-deps.sh installs it); real-browser checks skipped.");
        if (!File.Exists(Path.Combine(root, "tests", "browser", "node_modules", "playwright-core", "package.json")))
            Assert.Skip("playwright-core is not installed (bash scripts/browser-deps.sh); real-browser checks skipped.");
        string config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        string dll = Path.Combine(root, "src", "CrewChief", "bin", config, "net10.0", "crewchief.dll");
        if (!File.Exists(dll)) dll = Path.Combine(AppContext.BaseDirectory, "crewchief.dll");
        var psi = new ProcessStartInfo("node") { WorkingDirectory = Path.GetDirectoryName(script)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (ReadOnlySpan<string>)[script, "--dll", dll, "--out", Path.Combine(root, "artifacts", "browser")]) psi.ArgumentList.Add(a);
        string? ibt = SharedData.Root is { } shared ? Path.Combine(shared, "telemetry", "ibt", "silverado-truck_bristol.ibt") : null;
        if (ibt is not null && File.Exists(ibt)) { psi.ArgumentList.Add("--ibt"); psi.ArgumentList.Add(ibt); }

        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("node is not installed (scripts/setup.sh installs npm and node); real-browser checks skipped.");
            return;
        }
        using (process)
        {
            var token = TestContext.Current.CancellationToken;
            var stderrTask = process.StandardError.ReadToEndAsync(token);
            var stdoutTask = process.StandardOutput.ReadToEndAsync(token);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
            limit.CancelAfter(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("browser checks did not finish in 3 minutes:\n" + await stdoutTask);
            }
            string stderr = await stderrTask;
            string output = await stdoutTask + stderr;
            TestContext.Current.TestOutputHelper?.WriteLine(output);
            if (process.ExitCode == 3) Assert.Skip(stderr.Trim());
            Assert.True(process.ExitCode == 0, output);
        }
    }
}
