using System.Runtime.InteropServices;

namespace CrewChief.Native.PocketSphinx;

/// <summary>
/// One PocketSphinx decoder with one JSGF grammar search: an acoustic model folder, a pronunciation dictionary and
/// the grammar, decoding whole utterances of 16-bit mono PCM at the model's rate (16 kHz for en-us). Loading takes
/// a few hundred milliseconds (the acoustic model), so one decoder is made at start-up and reused; decoding an
/// utterance with a small grammar is tens of milliseconds. Not thread-safe: one owner (the radio thread).
/// </summary>
public sealed unsafe class PocketSphinxDecoder : IDisposable
{
    private const string SearchName = "radio";
    private nint _ps;
    private nint _config;

    private PocketSphinxDecoder(nint ps, nint config)
    {
        _ps = ps;
        _config = config;
    }

    /// <summary>
    /// Makes a decoder for <paramref name="jsgf"/> with the model in <paramref name="hmmFolder"/> and
    /// <paramref name="dictionaryPath"/>; null with one line in <paramref name="error"/> when anything is missing.
    /// </summary>
    public static PocketSphinxDecoder? TryCreate(string hmmFolder, string dictionaryPath, string jsgf, out string error)
    {
        if (!PocketSphinxLibrary.TryInitialize(out error)) return null;
        if (!Directory.Exists(hmmFolder)) { error = $"{hmmFolder}: no PocketSphinx acoustic model there; install pocketsphinx-en-us (scripts/setup.sh) or set [radio] model."; return null; }
        if (!File.Exists(dictionaryPath)) { error = $"{dictionaryPath}: no pronunciation dictionary; install pocketsphinx-en-us (scripts/setup.sh)."; return null; }
        // PocketSphinx logs pages per utterance to stderr; off unless CREWCHIEF_SPHINX_LOG names a file for it.
        string nullLog = Environment.GetEnvironmentVariable("CREWCHIEF_SPHINX_LOG") is { Length: > 0 } logFile ? logFile
            : OperatingSystem.IsWindows() ? "NUL" : "/dev/null";

        nint config;
        if (PocketSphinxLibrary.IsModernApi)
        {
            config = PocketSphinxLibrary.s_configInit(0);
            if (config == 0) { error = "PocketSphinx: ps_config_init failed."; return null; }
            if (PocketSphinxLibrary.s_setLogLevel != null) PocketSphinxLibrary.s_setLogLevel(4);
            SetStr(config, "hmm", hmmFolder);
            SetStr(config, "dict", dictionaryPath);
            SetStr(config, "logfn", nullLog);
            foreach (var (key, value) in Tuning) SetStr(config, key, value);
        }
        else
        {
            var args = new List<string> { "-hmm", hmmFolder, "-dict", dictionaryPath, "-logfn", nullLog };
            foreach (var (key, value) in Tuning) { args.Add("-" + key); args.Add(value); }
            string[] argv = [.. args];
            var utf8 = new byte[argv.Length][];
            var handles = new GCHandle[argv.Length];
            byte** ptrs = stackalloc byte*[argv.Length];
            try
            {
                for (int i = 0; i < argv.Length; i++)
                {
                    utf8[i] = PocketSphinxLibrary.Utf8Z(argv[i]);
                    handles[i] = GCHandle.Alloc(utf8[i], GCHandleType.Pinned);
                    ptrs[i] = (byte*)handles[i].AddrOfPinnedObject();
                }
                config = PocketSphinxLibrary.s_cmdLnParse(0, PocketSphinxLibrary.s_args(), argv.Length, ptrs, 0);
            }
            finally
            {
                foreach (var h in handles) if (h.IsAllocated) h.Free();
            }
            if (config == 0) { error = "PocketSphinx: cmd_ln_parse_r rejected the configuration."; return null; }
        }

        nint ps = PocketSphinxLibrary.s_init(config);
        if (ps == 0)
        {
            FreeConfig(config);
            error = $"PocketSphinx could not load the model {hmmFolder} with {dictionaryPath} (ps_init failed); reinstall pocketsphinx-en-us.";
            return null;
        }
        var decoder = new PocketSphinxDecoder(ps, config);
        int rc;
        fixed (byte* name = PocketSphinxLibrary.Utf8Z(SearchName))
        fixed (byte* grammar = PocketSphinxLibrary.Utf8Z(jsgf))
        {
            rc = PocketSphinxLibrary.IsModernApi
                ? PocketSphinxLibrary.s_addJsgfString(ps, name, grammar)
                : PocketSphinxLibrary.s_setJsgfString(ps, name, grammar);
            if (rc == 0)
            {
                rc = PocketSphinxLibrary.IsModernApi
                    ? PocketSphinxLibrary.s_activateSearch(ps, name)
                    : PocketSphinxLibrary.s_setSearch(ps, name);
            }
        }
        if (rc != 0)
        {
            decoder.Dispose();
            error = "PocketSphinx rejected the radio grammar (a word missing from the dictionary, or a JSGF syntax error).";
            return null;
        }
        error = "";
        return decoder;
    }

    /// <summary>
    /// Front-end and search settings for a small grammar. The default beams prune the grammar's final state away on short,
    /// fast phrases ("Final result does not match the grammar"); a closed grammar of a few hundred words affords
    /// wider ones. CREWCHIEF_SPHINX_ARGS ("key=value,key=value") overrides them for experiments.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> Tuning
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("CREWCHIEF_SPHINX_ARGS");
            if (env is { Length: > 0 })
            {
                foreach (string pair in env.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    int eq = pair.IndexOf('=');
                    if (eq > 0) yield return (pair[..eq], pair[(eq + 1)..]);
                }
                yield break;
            }
            // Digital silence (a synthesised or gated signal) has log energy -inf and wrecks the utterance's cepstral
            // mean; a least-significant-bit dither keeps it finite. A real microphone never hits it.
            yield return ("dither", "yes");
            yield return ("beam", "1e-80");
            yield return ("pbeam", "1e-80");
            yield return ("wbeam", "1e-60");
        }
    }

    /// <summary>The best hypothesis for one whole utterance, "" when nothing in the grammar matched.</summary>
    public string Decode(ReadOnlySpan<short> pcm)
    {
        ObjectDisposedException.ThrowIf(_ps == 0, this);
        if (PocketSphinxLibrary.s_startUtt(_ps) < 0) throw new InvalidOperationException("PocketSphinx: ps_start_utt failed.");
        fixed (short* p = pcm)
        {
            // full_utt = 1: the whole utterance is here, so the decoder may normalise over all of it (CMN).
            if (PocketSphinxLibrary.s_processRaw(_ps, p, (nuint)pcm.Length, 0, 1) < 0)
            {
                PocketSphinxLibrary.s_endUtt(_ps);
                throw new InvalidOperationException("PocketSphinx: ps_process_raw failed.");
            }
        }
        PocketSphinxLibrary.s_endUtt(_ps);
        int score;
        byte* hyp = PocketSphinxLibrary.s_getHyp(_ps, &score);
        return hyp == null ? "" : Marshal.PtrToStringUTF8((nint)hyp) ?? "";
    }

    private static void SetStr(nint config, string key, string value)
    {
        fixed (byte* k = PocketSphinxLibrary.Utf8Z(key))
        fixed (byte* v = PocketSphinxLibrary.Utf8Z(value))
            PocketSphinxLibrary.s_configSetStr(config, k, v);
    }

    private static void FreeConfig(nint config)
    {
        if (config == 0) return;
        if (PocketSphinxLibrary.IsModernApi) PocketSphinxLibrary.s_configFree(config);
        else PocketSphinxLibrary.s_cmdLnFree(config);
    }

    public void Dispose()
    {
        if (_ps != 0)
        {
            PocketSphinxLibrary.s_free(_ps);
            _ps = 0;
        }
        // ps_init took its own reference to the configuration; this drops ours.
        FreeConfig(_config);
        _config = 0;
        GC.SuppressFinalize(this);
    }

    ~PocketSphinxDecoder()
    {
        if (_ps != 0) PocketSphinxLibrary.s_free(_ps);
    }
}
