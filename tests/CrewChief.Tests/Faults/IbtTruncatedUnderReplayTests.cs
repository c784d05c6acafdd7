using System.Diagnostics;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Faults;

/// <summary>
/// An .ibt cut short while `replay` plays it (a copy still in flight, `cp` over it): with a mapped view the next
/// record would be SIGBUS; read with positioned reads it is one line and exit 2.
/// </summary>
public class IbtTruncatedUnderReplayTests
{
    [Fact]
    public async Task FileTruncatedUnderARunningReplay_EndsInOneLine_NoSignal()
    {
        string real = SharedData.RequireTelemetry(Path.Combine("ibt", "silverado-truck_bristol.ibt"));
        string dir = FaultKit.TempDir("ibt-truncate");
        try
        {
            string copy = Path.Combine(dir, "race.ibt");
            File.Copy(real, copy);
            long keep;
            using (var file = IbtFile.Open(copy))
                keep = file.Layout.FirstRecordOffset + 10L * file.Layout.Header.BufferLength + 7;   // mid-record, as a cut-off copy ends

            // Paced, so the replay is still early in the file when it is cut (the whole file plays for minutes at 10×).
            var psi = new ProcessStartInfo(FaultKit.Exe) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (string a in (string[])["replay", copy, "--speed", "10"]) psi.ArgumentList.Add(a);
            psi.Environment["CI"] = "1";
            using var p = Process.Start(psi)!;
            p.StandardInput.Close();
            using var started = new ManualResetEventSlim();
            var stdout = new System.Text.StringBuilder();
            p.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (stdout) stdout.AppendLine(e.Data);
                started.Set();
            };
            p.BeginOutputReadLine();
            var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.True(started.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "replay printed nothing");

            using (var cut = new FileStream(copy, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                cut.SetLength(keep);

            bool exited = p.WaitForExit(30_000);
            if (!exited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
            var r = new FaultKit.ExeResult(p.ExitCode, stdout.ToString(), await stderr, !exited);
            FaultKit.AssertExeContract("truncated under replay", r);
            Assert.Equal(2, r.Code);
            Assert.Contains("cut short", r.Stderr);
            Assert.Contains("race.ibt", r.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
