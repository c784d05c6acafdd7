using System.Buffers.Binary;
using System.Text.Json;
using CrewChief.Native.Espeak;
using CrewChief.Radio;
using CrewChief.Tests.Faults;
using CrewChief.Tests.Llm;

namespace CrewChief.Tests.Radio;

/// <summary>
/// `crewchief ask` as the racer's tools call it, through the built exe: a small sample of the bench's question set
/// (espeak-ng WAVs) through `--wav`, and `--llm` reporting whose words the answer is. Skips where the exe,
/// espeak-ng, PocketSphinx or the llama.cpp natives are missing.
/// </summary>
public class RadioAskExeTests
{
    private static void WriteWav(string path, short[] pcm, int rate)
    {
        var bytes = new byte[44 + pcm.Length * 2];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), rate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), rate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), pcm.Length * 2);
        for (int i = 0; i < pcm.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + i * 2), pcm[i]);
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void SpokenQuestions_ThroughAskWav_AreHeardAndAnswered()
    {
        _ = FaultKit.Exe;
        if (!EspeakLibrary.TryInitialize(out string espeak)) Assert.Skip($"espeak-ng unavailable ({espeak}); run scripts/setup.sh.");
        using (var probe = PocketSphinxRecogniser.TryCreate(null, null, out string error))
            if (probe is null) Assert.Skip($"PocketSphinx unavailable ({error}).");
        string dir = FaultKit.TempDir("ask-wav");
        try
        {
            // One phrasing from a few intents of the bench's set, at its speeds and voices.
            (RadioIntent Intent, string Voice, int Wpm)[] sample =
                [(RadioIntent.Fuel, "en-us", 150), (RadioIntent.GapBehind, "en-us", 200), (RadioIntent.Position, "en-us+m3", 170), (RadioIntent.KeepQuiet, "en-us", 150)];
            int right = 0;
            var wrong = new List<string>();
            foreach (var (intent, voice, wpm) in sample)
            {
                string text = PhrasingOf(intent);
                string wav = Path.Combine(dir, intent.Name() + ".wav");
                WriteWav(wav, EspeakLibrary.Synthesize(voice, text, wpm, endPause: true), EspeakLibrary.SampleRate);
                var r = FaultKit.Run(["ask", "--wav", wav, "--demo-at", "240", "--json"], timeoutMs: 60_000);
                Assert.False(r.TimedOut, "ask --wav hung");
                Assert.True(r.Code == 0, $"exit {r.Code}: {r.Stderr}");
                using var json = JsonDocument.Parse(r.Stdout);
                var root = json.RootElement;
                Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("answer").GetString()));
                Assert.Equal("template", root.GetProperty("source").GetString());
                Assert.True(root.GetProperty("recognise_ms").GetDouble() > 0);
                if (root.GetProperty("intent").GetString() == intent.Name()) right++;
                else wrong.Add($"'{text}' ({voice} {wpm}) heard as '{root.GetProperty("text").GetString()}'");
            }
            Assert.True(right >= sample.Length - 1, $"{right}/{sample.Length}; " + string.Join("; ", wrong));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void AskWithLlm_ReportsWhoseWords_AndAMissingModelIsOneLine()
    {
        _ = FaultKit.Exe;
        var missing = FaultKit.Run(["ask", "--intent", "fuel", "--demo-at", "240", "--llm", "/nonexistent/model.gguf"]);
        Assert.Equal(2, missing.Code);
        Assert.Single(missing.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--llm", missing.Stderr);

        TinyModel.RequireNatives();
        var plain = FaultKit.Run(["ask", "--intent", "fuel", "--demo-at", "240", "--json"]);
        var llm = FaultKit.Run(["ask", "--intent", "fuel", "--demo-at", "240", "--json", "--llm", TinyModel.Path, "--llm-deadline-ms", "20000"], timeoutMs: 90_000);
        Assert.True(llm.Code == 0, $"exit {llm.Code}: {llm.Stderr}");
        using var a = JsonDocument.Parse(plain.Stdout);
        using var b = JsonDocument.Parse(llm.Stdout);
        Assert.Equal("template", a.RootElement.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, a.RootElement.GetProperty("llm_verdict").ValueKind);
        string source = b.RootElement.GetProperty("source").GetString()!;
        Assert.True(source is "template" or "llm", source);
        Assert.NotEqual(JsonValueKind.Null, b.RootElement.GetProperty("llm_verdict").ValueKind);
        Assert.True(b.RootElement.GetProperty("llm_ms").GetDouble() > 0);
        if (source == "template") Assert.Equal(a.RootElement.GetProperty("answer").GetString(), b.RootElement.GetProperty("answer").GetString());
    }

    private static string PhrasingOf(RadioIntent intent)
    {
        foreach (var (i, p) in IntentTable.Default.Rows) if (i == intent) return p[0];
        throw new ArgumentException(intent.ToString());
    }
}
