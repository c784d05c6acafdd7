using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace CrewChief.Tests.Faults;

/// <summary>
/// The built exe as a child process, each run under a hard time bound: paths that are not regular files, a
/// half-copied natives folder, a live map with +Inf session time stopped by SIGTERM. Exit 0, or 2 with one line;
/// never a signal, a stack trace or a hang.
/// </summary>
public class ProcessFaultTests
{
    [Fact]
    public void PathsThatAreNotFiles_AreRefusedAtOnceInOneLine()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("FIFOs and /dev are POSIX");
        string dir = FaultKit.TempDir("paths");
        string fifo = Path.Combine(dir, "pipe");
        try
        {
            using (var mk = Process.Start("mkfifo", [fifo])) mk.WaitForExit();
            string missing = Path.Combine(dir, "nope", "x.ibt");
            foreach (string bad in (string[])[fifo, "/dev/zero", dir, missing])
            {
                string[][] commands =
                [
                    ["replay", bad, "--fast"], ["inspect", bad], ["run", "--map", bad, "--text-only", "--no-llm"],
                    ["export-training", bad], ["eval", "--cases", bad], ["run", "--config", bad, "--map", bad],
                ];
                foreach (string[] args in commands)
                {
                    // export-training takes folders of logs: an empty folder is a result, not an error.
                    if (bad == dir && args[0] == "export-training") continue;
                    var r = FaultKit.Run(args, timeoutMs: 15_000);
                    string label = string.Join(' ', args);
                    FaultKit.AssertExeContract(label, r);
                    Assert.True(r.Code == 2, $"{label}: exit {r.Code}, expected 2; {r.Stderr}");
                    Assert.Contains(bad, r.Stderr);
                    string expected = bad == fifo ? "pipe" : bad == "/dev/zero" ? "device" : bad == dir ? "folder" : "not found";
                    Assert.Contains(expected, r.Stderr);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void HalfCopiedNatives_AreALineNotASignal_DoctorIncluded()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("the ELF check is Linux's");
        string natives = Path.Combine(SharedData.RepoRoot, "natives", "linux-x64");
        string ort = Path.Combine(natives, "onnxruntime", "libonnxruntime.so.1");
        string ggmlCpu = Path.Combine(natives, "llama", "libggml-cpu-x64.so");
        if (!File.Exists(ort) || !File.Exists(ggmlCpu)) Assert.Skip("natives/linux-x64 not installed (scripts/natives.sh)");
        string dir = FaultKit.TempDir("natives");
        try
        {
            // A copy of the folder with ONNX Runtime cut to 1 MB and every ggml CPU back-end cut in half.
            foreach (string file in Directory.GetFiles(natives, "*", SearchOption.AllDirectories))
            {
                string to = Path.Combine(dir, Path.GetRelativePath(natives, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                byte[] bytes = File.ReadAllBytes(file);
                string name = Path.GetFileName(file);
                int keep = name.StartsWith("libonnxruntime", StringComparison.Ordinal) ? Math.Min(bytes.Length, 1 << 20)
                    : name.StartsWith("libggml-cpu", StringComparison.Ordinal) ? bytes.Length / 2 : bytes.Length;
                File.WriteAllBytes(to, bytes.AsSpan(0, keep).ToArray());
            }
            var env = new Dictionary<string, string> { ["CREWCHIEF_NATIVES"] = dir };
            var doctor = FaultKit.Run(["doctor"], timeoutMs: 60_000, env: env);
            FaultKit.AssertExeContract("doctor", doctor, allowReport: true);
            Assert.Equal(2, doctor.Code);
            Assert.Contains("truncated", doctor.Stdout + doctor.Stderr);
            var say = FaultKit.Run(["say", "Box this lap.", "--out", Path.Combine(dir, "say.wav")], timeoutMs: 60_000, env: env);
            FaultKit.AssertExeContract("say", say, allowReport: true);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task InfiniteSessionTimeUnderRunMap_SigtermLeavesACompleteLog()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("SIGTERM is POSIX");
        byte[] real = File.ReadAllBytes(SharedData.RequireTelemetry("live/skipbarber_longbeach.bin"));
        string dir = FaultKit.TempDir("inf");
        try
        {
            int at = FaultKit.VarOffset(real, "SessionTime");
            foreach (int rec in FaultKit.Records(real)) FaultKit.PutDouble(real, rec + at, double.PositiveInfinity);
            string map = Path.Combine(dir, "map.bin");
            File.WriteAllBytes(map, real);
            var psi = new ProcessStartInfo(FaultKit.Exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string a in (string[])["run", "--map", map, "--text-only", "--no-llm", "--log-dir", dir]) psi.ArgumentList.Add(a);
            psi.Environment["CI"] = "1";
            using var p = Process.Start(psi)!;
            var stderrTask = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stdoutTask = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await Task.Delay(2500, TestContext.Current.CancellationToken);
            using (var kill = Process.Start("kill", ["-TERM", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            bool exited = p.WaitForExit(15_000);
            if (!exited) p.Kill(true);
            Assert.True(exited, "run --map did not stop on SIGTERM");
            string stderr = await stderrTask;
            _ = await stdoutTask;
            Assert.True(p.ExitCode is 0 or 143, $"exit {p.ExitCode}: {stderr}");
            Assert.DoesNotContain("Unhandled", stderr);
            string log = Directory.GetFiles(dir, "*.jsonl.gz").Single();
            Assert.True(FaultKit.ReadLogLines(log) >= 1);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CorruptSessionLogs_ExportSkipsEachInOneLineAndGoesOn()
    {
        string dir = FaultKit.TempDir("logs");
        try
        {
            var rng = new Random(FaultKit.Seed);
            string good = Path.Combine(dir, "a-good.jsonl.gz");
            WriteGz(good, """
                {"type":"session","track":"Spa","car":"Audi R8 GT3"}
                {"type":"sample","t":1,"lap":3,"position":4,"fuel_laps_remaining":2.4}
                {"type":"utterance","t":2,"kind":"FuelStatus","priority":"Medium","text":"Fuel for 2 laps.","source":"composer","guard":"ok","outcome":"played"}
                """);
            byte[] whole = File.ReadAllBytes(good);
            File.WriteAllBytes(Path.Combine(dir, "b-cut.jsonl.gz"), whole.AsSpan(0, whole.Length - 9).ToArray());
            byte[] noise = new byte[4096];
            rng.NextBytes(noise);
            File.WriteAllBytes(Path.Combine(dir, "c-noise.jsonl.gz"), noise);
            byte[] flipped = (byte[])whole.Clone();
            flipped[whole.Length / 2] ^= 0x5A;
            File.WriteAllBytes(Path.Combine(dir, "d-flipped.jsonl.gz"), flipped);
            WriteGz(Path.Combine(dir, "e-garbage-lines.jsonl.gz"), "5\n[1,2]\n{\"type\":7}\n{\"type\":\"utterance\"}\nnot json\n");
            File.WriteAllBytes(Path.Combine(dir, "f-empty.jsonl.gz"), []);
            WriteGz(Path.Combine(dir, "z-good.jsonl.gz"), Encoding.UTF8.GetString(Decompress(whole)));

            var r = FaultKit.Run(["export-training", dir], timeoutMs: 20_000);
            FaultKit.AssertExeContract("export-training", r);
            Assert.Equal(0, r.Code);
            // Both whole logs export their record, whatever lies between them (a cut one keeps what it had).
            Assert.InRange(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("Fuel for 2 laps.")), 2, 4);
            foreach (string bad in (string[])["c-noise", "e-garbage-lines"]) Assert.Single(r.Stderr.Split('\n'), l => l.Contains(bad));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void BrokenConfigs_AreOneLineOrCappedWarnings()
    {
        string dir = FaultKit.TempDir("toml");
        try
        {
            string unclosed = Path.Combine(dir, "unclosed.toml");
            File.WriteAllText(unclosed, "[engine\nverbosity = \"full\"\n");
            var r = FaultKit.Run(["eval", "--cases", Path.Combine(SharedData.RepoRoot, "eval", "cases.jsonl"), "--config", unclosed]);
            // eval takes no --config: the unknown flag is itself one line. run is the config's real consumer:
            r = FaultKit.Run(["run", "--config", unclosed, "--map", Path.Combine(dir, "none.bin")]);
            FaultKit.AssertExeContract("run --config unclosed", r);
            Assert.Equal(2, r.Code);
            Assert.Contains("unclosed.toml:1:", r.Stderr);

            string junk = Path.Combine(dir, "junk.toml");
            var sb = new StringBuilder("[engine]\n");
            for (int i = 0; i < 100_000; i++) sb.Append('k').Append(i).Append(" = 1\n");
            File.WriteAllText(junk, sb.ToString());
            r = FaultKit.Run(["run", "--config", junk, "--map", Path.Combine(dir, "none.bin")]);
            FaultKit.AssertExeContract("run --config junk", r, allowReport: true);
            Assert.True(r.Stderr.Split('\n').Length < 12, $"{r.Stderr.Split('\n').Length} lines for 100,000 unknown keys");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void WriteGz(string path, string text)
    {
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\n") + "\n"));
    }

    private static byte[] Decompress(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
