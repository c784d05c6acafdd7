using System.Text;

namespace CrewChief.Native.OpenAl;

/// <summary>
/// One open OpenAL device and its single context: a sound card, or a loopback device that renders into memory
/// when asked (ALC_SOFT_loopback). Created, used and disposed on the playback thread only.
/// </summary>
/// <remarks>
/// Not a SafeHandle: the context must be destroyed before the device and both on the thread that made the context
/// current, which a finalizer thread cannot honour. The owner disposes it deterministically.
/// </remarks>
internal sealed unsafe class OpenAlDevice : IDisposable
{
    private nint _device;
    private nint _context;
    private readonly bool _threadLocal;

    /// <summary>The device's name as OpenAL reports it.</summary>
    public string Name { get; }

    /// <summary>True for a loopback device: nothing plays until <see cref="Render"/> is called.</summary>
    public bool IsLoopback { get; }

    /// <summary>Output sample rate of the mixer.</summary>
    public int SampleRate { get; }

    private OpenAlDevice(nint device, nint context, bool loopback, int sampleRate)
    {
        _device = device;
        _context = context;
        IsLoopback = loopback;
        SampleRate = sampleRate;
        // Thread-local contexts let two stages (tests, the latency harness beside a live one) each own a device
        // without fighting over the process-wide current context.
        _threadLocal = OpenAl.alcSetThreadContext != null;
        MakeCurrent();
        Name = OpenAl.FromUtf8(OpenAl.alcGetString(device, OpenAl.ALC_ALL_DEVICES_SPECIFIER));
        if (Name.Length == 0) Name = OpenAl.FromUtf8(OpenAl.alcGetString(device, OpenAl.ALC_DEVICE_SPECIFIER));
    }

    /// <summary>Opens a sound card by name (null: the system default).</summary>
    public static bool TryOpen(string? name, out OpenAlDevice? device, out string error)
    {
        device = null;
        if (!OpenAl.TryInitialize(out error)) return false;
        nint dev = OpenFromName(name);
        if (dev == 0)
        {
            error = name is null
                ? "OpenAL could not open the default output device (no sound card or audio server?)."
                : $"OpenAL could not open output device '{name}'; run 'crewchief devices' for the names.";
            return false;
        }
        nint ctx = OpenAl.alcCreateContext(dev, null);
        if (ctx == 0)
        {
            int code = OpenAl.alcGetError(dev);
            OpenAl.alcCloseDevice(dev);
            error = $"OpenAL opened '{name ?? "default"}' but could not create a context (ALC error 0x{code:X}).";
            return false;
        }
        int rate = 0;
        OpenAl.alcGetIntegerv(dev, OpenAl.ALC_FREQUENCY, 1, &rate);
        device = new OpenAlDevice(dev, ctx, loopback: false, rate);
        return true;
    }

    /// <summary>Opens a loopback device that renders mono 32-bit float at <paramref name="sampleRate"/>.</summary>
    public static bool TryOpenLoopback(int sampleRate, out OpenAlDevice? device, out string error)
    {
        device = null;
        if (!OpenAl.TryInitialize(out error)) return false;
        if (OpenAl.alcLoopbackOpenDeviceSOFT == null || OpenAl.alcRenderSamplesSOFT == null || OpenAl.alcIsRenderFormatSupportedSOFT == null)
        {
            error = $"{OpenAl.LoadedFrom} lacks ALC_SOFT_loopback (needs OpenAL Soft 1.14 or newer).";
            return false;
        }
        nint dev = OpenAl.alcLoopbackOpenDeviceSOFT(null);
        if (dev == 0)
        {
            error = "OpenAL could not open a loopback device.";
            return false;
        }
        if (OpenAl.alcIsRenderFormatSupportedSOFT(dev, sampleRate, OpenAl.ALC_MONO_SOFT, OpenAl.ALC_FLOAT_SOFT) == 0)
        {
            OpenAl.alcCloseDevice(dev);
            error = $"OpenAL loopback cannot render mono float at {sampleRate} Hz.";
            return false;
        }
        int* attrs = stackalloc int[]
        {
            OpenAl.ALC_FORMAT_CHANNELS_SOFT, OpenAl.ALC_MONO_SOFT,
            OpenAl.ALC_FORMAT_TYPE_SOFT, OpenAl.ALC_FLOAT_SOFT,
            OpenAl.ALC_FREQUENCY, sampleRate,
            0,
        };
        nint ctx = OpenAl.alcCreateContext(dev, attrs);
        if (ctx == 0)
        {
            int code = OpenAl.alcGetError(dev);
            OpenAl.alcCloseDevice(dev);
            error = $"OpenAL loopback context failed (ALC error 0x{code:X}).";
            return false;
        }
        device = new OpenAlDevice(dev, ctx, loopback: true, sampleRate);
        return true;
    }

    private static nint OpenFromName(string? name)
    {
        if (name is null) return OpenAl.alcOpenDevice(null);
        int n = Encoding.UTF8.GetByteCount(name);
        Span<byte> z = n < 512 ? stackalloc byte[n + 1] : new byte[n + 1];
        Encoding.UTF8.GetBytes(name, z);
        z[n] = 0;
        fixed (byte* p = z) return OpenAl.alcOpenDevice(p);
    }

    /// <summary>Makes this device's context the one AL calls on this thread go to.</summary>
    public void MakeCurrent()
    {
        if (_threadLocal) OpenAl.alcSetThreadContext(_context);
        else OpenAl.alcMakeContextCurrent(_context);
    }

    /// <summary>Mixes the next <c>samples.Length</c> frames of a loopback device into <paramref name="samples"/>.</summary>
    public void Render(Span<float> samples)
    {
        if (!IsLoopback) throw new InvalidOperationException("Render is only for loopback devices.");
        fixed (float* p = samples) OpenAl.alcRenderSamplesSOFT(_device, p, samples.Length);
    }

    /// <summary>False once the sound card is gone (unplugged headset); OpenAL then silently stops every source.</summary>
    public bool IsConnected
    {
        get
        {
            int connected = 1;
            OpenAl.alcGetIntegerv(_device, OpenAl.ALC_CONNECTED, 1, &connected);
            return connected != 0;
        }
    }

    /// <summary>The output devices OpenAL knows, and the default one's name (null when none).</summary>
    public static bool TryListOutputs(out List<string> names, out string? defaultName, out string error)
    {
        names = [];
        defaultName = null;
        if (!OpenAl.TryInitialize(out error)) return false;
        bool all;
        fixed (byte* ext = "ALC_ENUMERATE_ALL_EXT\0"u8) all = OpenAl.alcIsExtensionPresent(0, ext) != 0;
        names = OpenAl.FromUtf8List(OpenAl.alcGetString(0, all ? OpenAl.ALC_ALL_DEVICES_SPECIFIER : OpenAl.ALC_DEVICE_SPECIFIER));
        string d = OpenAl.FromUtf8(OpenAl.alcGetString(0, all ? OpenAl.ALC_DEFAULT_ALL_DEVICES_SPECIFIER : OpenAl.ALC_DEFAULT_DEVICE_SPECIFIER));
        defaultName = d.Length == 0 ? null : d;
        return true;
    }

    public void Dispose()
    {
        if (_context != 0)
        {
            if (_threadLocal) OpenAl.alcSetThreadContext(0);
            else OpenAl.alcMakeContextCurrent(0);
            OpenAl.alcDestroyContext(_context);
            _context = 0;
        }
        if (_device != 0)
        {
            OpenAl.alcCloseDevice(_device);
            _device = 0;
        }
    }
}
