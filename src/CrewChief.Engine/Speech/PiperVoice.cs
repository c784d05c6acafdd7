using CrewChief.Native.Onnx;

namespace CrewChief.Speech;

/// <summary>
/// A loaded Piper voice: the ONNX session and its config. <see cref="Synthesize(ReadOnlySpan{long})"/> runs one sentence of ids through
/// the model. Input contract: <c>input</c> int64 [1,N], <c>input_lengths</c> int64 [1], <c>scales</c> float [3] =
/// [noise_scale, length_scale, noise_w], and <c>sid</c> int64 [1] only for multi-speaker voices; output float32 of
/// rank 3 ([1,1,T]) or 4 ([1,1,1,T]) — the sample count is the last dimension.
/// Not for concurrent use: one synthesis thread owns it.
/// </summary>
public sealed class PiperVoice : IDisposable
{
    private readonly OnnxSession _session;
    private readonly int _input, _lengths, _scales, _sid, _output;
    private readonly SpeechOptions _options;

    public PiperVoiceConfig Config { get; }

    /// <summary>True when the model has a <c>sid</c> input.</summary>
    public bool IsMultiSpeaker => _sid >= 0;

    /// <summary>Whether ONNX Runtime runs it on CUDA.</summary>
    public bool UsesGpu => _session.UsesCuda;

    /// <summary>One line when --tts-gpu could not be honoured, else null.</summary>
    public string? ProviderNote => _session.ProviderNote;

    private PiperVoice(OnnxSession session, PiperVoiceConfig config, SpeechOptions options, string source)
    {
        _session = session;
        Config = config;
        _options = options;
        _input = IndexOf(session.InputNames, "input", source);
        _lengths = IndexOf(session.InputNames, "input_lengths", source);
        _scales = IndexOf(session.InputNames, "scales", source);
        _sid = -1;
        for (int i = 0; i < session.InputNames.Count; i++)
        {
            if (session.InputNames[i] == "sid") _sid = i;
        }
        if (_sid >= 0 && (options.SpeakerId < 0 || options.SpeakerId >= config.NumSpeakers))
            throw InputException.ForFile(source, $"speaker {options.SpeakerId} does not exist; this voice has speakers 0–{config.NumSpeakers - 1} (--speaker).");
        _output = 0;
        for (int i = 0; i < session.OutputNames.Count; i++)
        {
            if (session.OutputNames[i] == "output") _output = i;
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name, string source)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name) return i;
        }
        throw InputException.ForFile(source, $"the model has no '{name}' input (inputs: {string.Join(", ", names)}); is it a Piper voice export?");
    }

    /// <summary>
    /// Loads NAME.onnx and NAME.onnx.json. Needs ONNX Runtime initialised (<see cref="OnnxRuntimeLibrary.TryInitialize"/>).
    /// A missing or broken file is an <see cref="InputException"/> naming it.
    /// </summary>
    public static PiperVoice Load(string onnxPath, SpeechOptions options)
    {
        if (!File.Exists(onnxPath))
            throw InputException.ForFile(onnxPath, "voice model not found; put NAME.onnx and NAME.onnx.json in voices/ and pass --voice voices/NAME.onnx.");
        var config = PiperVoiceConfig.Load(onnxPath + ".json");
        OnnxSession session;
        try
        {
            session = OnnxSession.Open(onnxPath, Settings(options));
        }
        catch (OnnxRuntimeException e)
        {
            throw InputException.ForFile(onnxPath, $"ONNX Runtime cannot load it ({e.Message}); re-download the voice.");
        }
        return Wrap(session, config, options, onnxPath);
    }

    /// <summary>A voice from an in-memory model (generated dev models).</summary>
    public static PiperVoice FromModel(ReadOnlySpan<byte> onnx, PiperVoiceConfig config, SpeechOptions options) =>
        Wrap(OnnxSession.FromBytes(onnx, Settings(options)), config, options, "(in-memory model)");

    private static PiperVoice Wrap(OnnxSession session, PiperVoiceConfig config, SpeechOptions options, string source)
    {
        try
        {
            return new PiperVoice(session, config, options, source);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static OnnxSessionSettings Settings(SpeechOptions options) => new()
    {
        IntraOpThreads = Math.Max(0, options.Threads),
        UseCuda = options.UseGpu,
    };

    /// <summary>Runs the model on one sentence's ids and returns its raw float samples.</summary>
    public float[] Synthesize(ReadOnlySpan<long> ids)
    {
        float[] audio = [];
        int count = Synthesize(ids, ref audio);
        return count == audio.Length ? audio : audio[..count];
    }

    /// <summary>
    /// Runs the model on one sentence's ids into <paramref name="buffer"/>, replaced by a larger one (rounded up to a
    /// multiple of <paramref name="growthStep"/> samples) only when the sentence does not fit, and returns how many
    /// samples the sentence is: a caller that reuses its buffer makes no array per sentence.
    /// </summary>
    public int Synthesize(ReadOnlySpan<long> ids, ref float[] buffer, int growthStep = 1)
    {
        if (ids.IsEmpty) return 0;
        // A few small arrays per sentence: nothing next to the model run, and no pointers above CrewChief.Native.
        long length = ids.Length;
        float[] scales = [_options.NoiseScale ?? Config.NoiseScale, _options.LengthScale ?? Config.LengthScale, _options.NoiseW ?? Config.NoiseW];
        long[] one = [1];
        Span<OnnxTensorInput> inputs =
        [
            OnnxTensorInput.Int64(_input, ids.ToArray(), new long[] { 1, length }),
            OnnxTensorInput.Int64(_lengths, new long[] { length }, one),
            OnnxTensorInput.Float(_scales, scales, new long[] { 3 }),
            _sid >= 0 ? OnnxTensorInput.Int64(_sid, new long[] { _options.SpeakerId }, one) : default,
        ];
        int count = _sid >= 0 ? 4 : 3;
        try
        {
            using OnnxFloatOutput output = _session.Run(inputs[..count], _output);
            long[] shape = output.Shape;
            if (shape.Length is < 1 or > 4)
                throw new InvalidDataException($"Piper output has rank {shape.Length}; expected 3 or 4.");
            // Batch, channel (and for rank 4 a height of 1) are all 1; samples are the last dimension.
            int samples = Math.Min((int)shape[^1], output.ElementCount);
            if (buffer.Length < samples)
            {
                int step = Math.Max(1, growthStep);
                buffer = new float[(int)Math.Min(Array.MaxLength, ((long)samples + step - 1) / step * step)];
            }
            output.Data[..samples].CopyTo(buffer);
            return samples;
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"voice synthesis failed: {e.Message}", e);
        }
    }

    public void Dispose() => _session.Dispose();
}
