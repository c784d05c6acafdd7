using CrewChief.Native.OpenAl;

namespace CrewChief.Playback;

/// <summary>
/// OpenAL Soft's loopback device (ALC_SOFT_loopback): the real mixer, rendering mono float into memory one block
/// per <see cref="Render"/>, on the stage's clock (real or virtual). What tests and the latency harness listen to.
/// </summary>
public sealed class OpenAlLoopbackSink : PlaybackSink
{
    private readonly OpenAlDevice _device;
    private readonly OpenAlStream _stream;
    private readonly float[] _block;
    private readonly short[] _pcm;
    private readonly Lock _captureLock = new();
    /// <summary>Everything rendered so far, when capturing; grows by doubling.</summary>
    private float[] _captured;
    private int _capturedCount;
    private readonly bool _capture;
    private long _firstSoundAt;

    private OpenAlLoopbackSink(OpenAlDevice device, OpenAlStream stream, int blockSamples, bool capture)
    {
        _device = device;
        _stream = stream;
        _block = new float[blockSamples];
        _pcm = new short[blockSamples];
        _capture = capture;
        _captured = capture ? new float[blockSamples * 1024] : [];
    }

    internal static bool TryOpen(PlaybackOptions options, bool capture, out OpenAlLoopbackSink? sink, out string error)
    {
        sink = null;
        if (!OpenAlDevice.TryOpenLoopback(options.SampleRate, out OpenAlDevice? device, out error)) return false;
        try
        {
            // Two spare buffers: the stage counts a block heard as soon as it is rendered, OpenAL may report it
            // processed one render later.
            sink = new OpenAlLoopbackSink(device!, new OpenAlStream(options.QueueBlocks + 2, options.SampleRate), options.BlockSamples, capture);
            return true;
        }
        catch (InvalidOperationException e)
        {
            device!.Dispose();
            error = e.Message;
            return false;
        }
    }

    public override string Description => $"OpenAL loopback ({_device.SampleRate} Hz mono float)";
    internal override bool PacedByDevice => false;

    internal override void Submit(ReadOnlySpan<float> block)
    {
        _stream.ReclaimPlayed();
        Span<short> pcm = _pcm.AsSpan(0, block.Length);
        Speech.Pcm16.FromFloat(block, pcm);
        _stream.Submit(pcm);
    }

    internal override void Flush() => _stream.Flush();

    internal override void Render()
    {
        _device.Render(_block);
        if (_firstSoundAt == 0 && HasSound(_block)) Volatile.Write(ref _firstSoundAt, System.Diagnostics.Stopwatch.GetTimestamp());
        if (!_capture) return;
        lock (_captureLock)
        {
            if (_capturedCount + _block.Length > _captured.Length) Array.Resize(ref _captured, _captured.Length * 2);
            _block.CopyTo(_captured, _capturedCount);
            _capturedCount += _block.Length;
        }
    }

    private static bool HasSound(ReadOnlySpan<float> block)
    {
        foreach (float s in block)
        {
            if (s is > 1e-4f or < -1e-4f) return true;
        }
        return false;
    }

    /// <summary>
    /// Wall-clock Stopwatch timestamp of the first render that held a non-silent sample since the last
    /// <see cref="ResetFirstSound"/>; 0 while all was silence. Readable from any thread (latency harness).
    /// </summary>
    public long FirstSoundAt => Volatile.Read(ref _firstSoundAt);

    /// <summary>Arms <see cref="FirstSoundAt"/> again. Call only while the stage is silent.</summary>
    public void ResetFirstSound() => Volatile.Write(ref _firstSoundAt, 0);

    /// <summary>A copy of everything rendered so far (empty unless capturing).</summary>
    public float[] CopyCaptured()
    {
        lock (_captureLock) return _captured.AsSpan(0, _capturedCount).ToArray();
    }

    public override void Dispose()
    {
        _stream.Dispose();
        _device.Dispose();
    }
}
