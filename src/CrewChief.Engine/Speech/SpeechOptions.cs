namespace CrewChief.Speech;

/// <summary>How speech is produced. Validated where it is built (command line / crewchief.toml).</summary>
public sealed record SpeechOptions
{
    /// <summary>The voice model, NAME.onnx (its config NAME.onnx.json beside it). Null: text-only.</summary>
    public string? VoicePath { get; init; }

    /// <summary>--tts-gpu: try the CUDA execution provider; falls back to CPU with one line if its library is missing.</summary>
    public bool UseGpu { get; init; }

    /// <summary>ONNX Runtime intra-op threads. Two keeps first-audio latency low without taking the sim's cores.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Speaker id for multi-speaker voices (ignored by single-speaker ones).</summary>
    public int SpeakerId { get; init; }

    /// <summary>Overrides the voice's inference.length_scale (below 1 speaks faster).</summary>
    public float? LengthScale { get; init; }

    /// <summary>Overrides inference.noise_scale.</summary>
    public float? NoiseScale { get; init; }

    /// <summary>Overrides inference.noise_w.</summary>
    public float? NoiseW { get; init; }

    /// <summary>
    /// Synthesise clause by clause (split at , : ; too) instead of sentence by sentence: "Box this lap, fuel is
    /// critical." starts playing after "Box this lap," is made. Off by default: Piper voices are trained on whole
    /// sentences and the break at the comma sounds slightly different.
    /// </summary>
    public bool SplitClauses { get; init; }

    /// <summary>Synthesise the <see cref="PhraseCache"/> phrases in the background after load.</summary>
    public bool WarmPhraseCache { get; init; } = true;

    /// <summary>More phrases to cache after the standard ones: the composer's fixed spotter and critical wordings.</summary>
    public IReadOnlyList<string> ExtraPhrases { get; init; } = [];

    /// <summary>Explicit ONNX Runtime library path (else natives/&lt;rid&gt;/onnxruntime or beside the exe).</summary>
    public string? OnnxRuntimePath { get; init; }

    /// <summary>espeak-ng voice for the fallback voice (used when no Piper voice is configured or found).</summary>
    public string EspeakVoice { get; init; } = "en-us";

    /// <summary>Fallback voice speed in words per minute: a little above espeak-ng's 175, an engineer's brisk pace.</summary>
    public int EspeakWordsPerMinute { get; init; } = 185;
}
