using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using CrewChief.App.Commands;
using CrewChief.Telemetry;

namespace CrewChief.Tests.Faults;

/// <summary>
/// Shared pieces of the fault-injection suite: a fixed seed, mutants built from the real files in ../shared, and
/// the one contract every faulty input must meet — the command returns 0, or ends with one line (an
/// <see cref="InputException"/>, exit 2 in the exe); nothing else may escape.
/// </summary>
internal static class FaultKit
{
    /// <summary>Every generated input derives from this seed, so a failure names a case that can be rebuilt.</summary>
    public const int Seed = 1717;

    public static string TempDir(string name) => Directory.CreateTempSubdirectory("cc-fault-" + name).FullName;

    /// <summary>Runs a command in-process against the contract; returns the exception message when it refused.</summary>
    public static string? Contract(string label, Func<int> command)
    {
        try
        {
            int code = command();
            Assert.True(code == 0, $"{label}: exit {code}, expected 0 or a one-line refusal");
            return null;
        }
        catch (InputException e)
        {
            Assert.False(e.Message.Contains('\n') || e.Message.Contains('\r'), $"{label}: refusal is not one line: {e.Message}");
            Assert.False(e.Message.Contains('_') && e.Message.Split(' ').Any(w => w.Contains('_') && w.All(c => char.IsLetter(c) || c == '_') && char.IsUpper(w[0])),
                $"{label}: a .NET resource key in the message: {e.Message}");
            return e.Message;
        }
        catch (Exception e)
        {
            Assert.Fail($"{label}: {e.GetType().Name} escaped: {e.Message}");
            return null;
        }
    }

    public static int Replay(string path, TextWriter output) =>
        ReplayCommand.Run(new CommandArgs([path, "--fast", "--summary", "--json"]), output);

    public static int Inspect(string path, TextWriter output) =>
        InspectCommand.Run(new CommandArgs([path, "--json", "--vars"]), output);

    /// <summary>Offset of variable <paramref name="name"/> in a record, or −1.</summary>
    public static int VarOffset(byte[] file, string name)
    {
        var layout = IrsdkLayout.Describe(file, "fault");
        return layout.Variables.TryGet(name, out var v) ? v.Offset : -1;
    }

    /// <summary>Byte offsets of every record (an .ibt) or var buffer (a live map) in <paramref name="file"/>.</summary>
    public static IEnumerable<int> Records(byte[] file)
    {
        var layout = IrsdkLayout.Describe(file, "fault");
        var h = layout.Header;
        if (layout.Kind == IrsdkLayoutKind.Live)
        {
            for (int i = 0; i < h.BufferCount; i++) yield return h.BufferOffset(i);
            yield break;
        }
        for (int r = 0; r < layout.RecordCount; r++) yield return h.BufferOffset(0) + r * h.BufferLength;
    }

    public static void PutFloat(byte[] b, int at, float v) => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(at), v);
    public static void PutDouble(byte[] b, int at, double v) => BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(at), v);
    public static void PutInt(byte[] b, int at, int v) => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(at), v);

    /// <summary>Reads a gzip JSONL log to its end; throws if the stream or a line is damaged before the last flush.</summary>
    public static int ReadLogLines(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        int n = 0;
        while (reader.ReadLine() is { } line)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            n++;
        }
        return n;
    }

    /// <summary>The exe beside the test binaries (the test project references it).</summary>
    public static string Exe
    {
        get
        {
            string name = OperatingSystem.IsWindows() ? "crewchief.exe" : "crewchief";
            string path = Path.Combine(AppContext.BaseDirectory, name);
            if (!File.Exists(path)) Assert.Skip($"{path} not built; process fault tests skipped.");
            return path;
        }
    }

    public readonly record struct ExeResult(int Code, string Stdout, string Stderr, bool TimedOut);

    /// <summary>Runs the exe with a hard time bound; a hang is a failure, not a stuck suite.</summary>
    public static ExeResult Run(string[] args, int timeoutMs = 20_000, IDictionary<string, string>? env = null, string? workDir = null)
    {
        var psi = new ProcessStartInfo(Exe) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "1";
        if (env is not null) foreach (var kv in env) psi.Environment[kv.Key] = kv.Value;
        if (workDir is not null) psi.WorkingDirectory = workDir;
        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        bool exited = p.WaitForExit(timeoutMs);
        if (!exited)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        return new ExeResult(p.ExitCode, stdout.Result, stderr.Result, !exited);
    }

    /// <summary>The exe contract: bounded, no signal (exit 134 SIGABRT, 135 SIGBUS, 139 SIGSEGV), 0 or 2 with one line.</summary>
    public static void AssertExeContract(string label, ExeResult r, bool allowReport = false)
    {
        Assert.False(r.TimedOut, $"{label}: still running after the bound");
        Assert.True(r.Code is 0 or 2, $"{label}: exit {r.Code} (signal?) stderr: {Tail(r.Stderr)}");
        Assert.DoesNotContain("Unhandled exception", r.Stderr);
        Assert.DoesNotContain("Fatal error", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        if (r.Code == 2 && !allowReport)
        {
            var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, $"{label}: exit 2 with {lines.Length} lines: {Tail(r.Stderr)}");
        }
    }

    private static string Tail(string s) => s.Length <= 600 ? s : s[^600..];
}
