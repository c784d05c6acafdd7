namespace CrewChief.Native.OpenAl;

/// <summary>
/// One OpenAL Soft capture device (a microphone) delivering 16-bit mono at a fixed rate into OpenAL's own ring
/// buffer, which <see cref="Read"/> drains. Owned by one thread (the radio's microphone thread); capture devices
/// need no context, so it never touches the playback thread's.
/// </summary>
public sealed unsafe class OpenAlCaptureDevice : IDisposable
{
    private nint _device;

    private OpenAlCaptureDevice(nint device, string name, int rate)
    {
        _device = device;
        Name = name;
        SampleRate = rate;
    }

    public string Name { get; }
    public int SampleRate { get; }

    /// <summary>Opens <paramref name="name"/> (null: the default input) at <paramref name="sampleRate"/> with room for <paramref name="bufferSeconds"/>.</summary>
    public static OpenAlCaptureDevice? TryOpen(string? name, int sampleRate, double bufferSeconds, out string error)
    {
        if (!OpenAl.TryInitialize(out error)) return null;
        if (OpenAl.alcCaptureOpenDevice == null) { error = $"{OpenAl.LoadedFrom} has no capture API; no microphone input."; return null; }
        int samples = (int)(sampleRate * bufferSeconds);
        nint device;
        if (name is null)
        {
            device = OpenAl.alcCaptureOpenDevice(null, (uint)sampleRate, OpenAl.AL_FORMAT_MONO16, samples);
        }
        else
        {
            byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(name + "\0");
            fixed (byte* n = utf8) device = OpenAl.alcCaptureOpenDevice(n, (uint)sampleRate, OpenAl.AL_FORMAT_MONO16, samples);
        }
        if (device == 0)
        {
            error = name is null
                ? "no microphone: OpenAL could not open the default capture device ('crewchief devices' lists inputs)."
                : $"no microphone '{name}': OpenAL could not open it ('crewchief devices' lists inputs; set [radio] mic).";
            return null;
        }
        string opened = OpenAl.FromUtf8(OpenAl.alcGetString(device, OpenAl.ALC_CAPTURE_DEVICE_SPECIFIER));
        error = "";
        return new OpenAlCaptureDevice(device, opened.Length > 0 ? opened : name ?? "default", sampleRate);
    }

    public void Start() => OpenAl.alcCaptureStart(_device);

    public void Stop() => OpenAl.alcCaptureStop(_device);

    /// <summary>Copies up to <paramref name="into"/>.Length captured samples; returns how many.</summary>
    public int Read(Span<short> into)
    {
        int available = 0;
        OpenAl.alcGetIntegerv(_device, OpenAl.ALC_CAPTURE_SAMPLES, 1, &available);
        int n = Math.Min(available, into.Length);
        if (n <= 0) return 0;
        fixed (short* p = into) OpenAl.alcCaptureSamples(_device, p, n);
        return n;
    }

    /// <summary>The capture devices OpenAL knows, and the default one's name (null when none).</summary>
    public static bool TryListInputs(out List<string> names, out string? defaultName, out string error)
    {
        names = [];
        defaultName = null;
        if (!OpenAl.TryInitialize(out error)) return false;
        names = OpenAl.FromUtf8List(OpenAl.alcGetString(0, OpenAl.ALC_CAPTURE_DEVICE_SPECIFIER));
        string d = OpenAl.FromUtf8(OpenAl.alcGetString(0, OpenAl.ALC_CAPTURE_DEFAULT_DEVICE_SPECIFIER));
        defaultName = d.Length == 0 ? null : d;
        return true;
    }

    public void Dispose()
    {
        if (_device == 0) return;
        OpenAl.alcCaptureStop(_device);
        OpenAl.alcCaptureCloseDevice(_device);
        _device = 0;
    }
}
