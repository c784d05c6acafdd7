using System.Text;
using System.Text.Json;

namespace CrewChief.Speech;

/// <summary>
/// A Piper voice's <c>NAME.onnx.json</c>: what the model expects (sample rate, speakers, phoneme ids) and how espeak-ng
/// must phonemise for it. Read with <see cref="JsonDocument"/> (no reflection, AOT-safe).
/// </summary>
public sealed class PiperVoiceConfig
{
    /// <summary>Output sample rate in Hz (audio.sample_rate).</summary>
    public required int SampleRate { get; init; }

    /// <summary>espeak-ng voice name (espeak.voice), e.g. "en-us".</summary>
    public required string EspeakVoice { get; init; }

    /// <summary>Phoneme (one Unicode code point) → model input ids. Multi-code-point keys are ignored, as Piper does.</summary>
    public required IReadOnlyDictionary<int, long[]> PhonemeIds { get; init; }

    public float NoiseScale { get; init; } = 0.667f;
    public float LengthScale { get; init; } = 1f;
    public float NoiseW { get; init; } = 0.8f;
    public int NumSpeakers { get; init; } = 1;

    /// <summary>Speaker name → id for multi-speaker voices (speaker_id_map); empty otherwise.</summary>
    public IReadOnlyDictionary<string, int> SpeakerIds { get; init; } = new Dictionary<string, int>();

    /// <summary>Where it was read from, for messages.</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>Piper's special symbols: sentence start, end, and the pad that follows every phoneme.</summary>
    public const int Bos = '^', Eos = '$', Pad = '_';

    /// <summary>Reads and validates a config file; problems are an <see cref="InputException"/> naming the file.</summary>
    public static PiperVoiceConfig Load(string path)
    {
        if (!File.Exists(path))
            throw InputException.ForFile(path, "voice config not found; a Piper voice is NAME.onnx plus NAME.onnx.json side by side.");
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes, path);
        }
        catch (JsonException e)
        {
            throw InputException.ForFile(path, $"not valid JSON ({e.Message.ReplaceLineEndings(" ")}); re-download the voice's .onnx.json.");
        }
    }

    public static PiperVoiceConfig Parse(ReadOnlySpan<byte> json, string sourcePath)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        using var doc = JsonDocument.ParseValue(ref reader);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw Bad(sourcePath, "the top level is not a JSON object");

        if (root.TryGetProperty("phoneme_type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() != "espeak")
            throw Bad(sourcePath, $"phoneme_type '{type.GetString()}' is not supported (only espeak voices)");

        if (!root.TryGetProperty("audio", out var audio) || !audio.TryGetProperty("sample_rate", out var rateEl) || !rateEl.TryGetInt32(out int rate) || rate < 8000 || rate > 192000)
            throw Bad(sourcePath, "audio.sample_rate is missing or out of range");

        string voice = "en-us";
        if (root.TryGetProperty("espeak", out var espeak) && espeak.TryGetProperty("voice", out var v) && v.ValueKind == JsonValueKind.String)
            voice = v.GetString()!;

        if (!root.TryGetProperty("phoneme_id_map", out var map) || map.ValueKind != JsonValueKind.Object)
            throw Bad(sourcePath, "phoneme_id_map is missing");
        var ids = new Dictionary<int, long[]>();
        foreach (var prop in map.EnumerateObject())
        {
            string key = prop.Name;
            if (Rune.DecodeFromUtf16(key, out Rune rune, out int used) != System.Buffers.OperationStatus.Done || used != key.Length) continue;
            if (prop.Value.ValueKind != JsonValueKind.Array) throw Bad(sourcePath, $"phoneme_id_map['{key}'] is not a list of ids");
            var list = new long[prop.Value.GetArrayLength()];
            int i = 0;
            foreach (var id in prop.Value.EnumerateArray())
            {
                if (!id.TryGetInt64(out list[i++])) throw Bad(sourcePath, $"phoneme_id_map['{key}'] holds a non-integer id");
            }
            ids[rune.Value] = list;
        }
        foreach (int special in (ReadOnlySpan<int>)[Bos, Eos, Pad])
        {
            if (!ids.ContainsKey(special)) throw Bad(sourcePath, $"phoneme_id_map lacks '{(char)special}'");
        }

        float noise = 0.667f, length = 1f, noiseW = 0.8f;
        if (root.TryGetProperty("inference", out var inf))
        {
            noise = Float(inf, "noise_scale", noise);
            length = Float(inf, "length_scale", length);
            noiseW = Float(inf, "noise_w", noiseW);
        }

        int speakers = 1;
        if (root.TryGetProperty("num_speakers", out var ns) && ns.TryGetInt32(out int n) && n > 0) speakers = n;
        var speakerIds = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("speaker_id_map", out var sm) && sm.ValueKind == JsonValueKind.Object)
        {
            foreach (var prop in sm.EnumerateObject())
            {
                if (prop.Value.TryGetInt32(out int sid)) speakerIds[prop.Name] = sid;
            }
        }

        return new PiperVoiceConfig
        {
            SampleRate = rate,
            EspeakVoice = voice,
            PhonemeIds = ids,
            NoiseScale = noise,
            LengthScale = length,
            NoiseW = noiseW,
            NumSpeakers = speakers,
            SpeakerIds = speakerIds,
            SourcePath = sourcePath,
        };
    }

    private static float Float(JsonElement parent, string name, float fallback) =>
        parent.TryGetProperty(name, out var el) && el.TryGetDouble(out double d) ? (float)d : fallback;

    private static InputException Bad(string path, string problem) =>
        InputException.ForFile(path, problem + "; is this a Piper .onnx.json?");
}
