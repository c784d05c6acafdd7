using CrewChief.Native.OpenAl;

namespace CrewChief.Playback;

/// <summary>A sound card through OpenAL Soft: one streaming source with QueueBlocks short buffers.</summary>
public sealed class OpenAlDeviceSink : PlaybackSink
{
    private readonly OpenAlDevice _device;
    private readonly OpenAlStream _stream;
    private readonly short[] _pcm;

    private OpenAlDeviceSink(OpenAlDevice device, OpenAlStream stream, int blockSamples)
    {
        _device = device;
        _stream = stream;
        _pcm = new short[blockSamples];
    }

    /// <summary>Opens the named (or default) device; on failure <paramref name="error"/> is one line.</summary>
    internal static bool TryOpen(PlaybackOptions options, out OpenAlDeviceSink? sink, out string error)
    {
        sink = null;
        if (!OpenAlDevice.TryOpen(options.DeviceName, out OpenAlDevice? device, out error)) return false;
        try
        {
            sink = new OpenAlDeviceSink(device!, new OpenAlStream(options.QueueBlocks, options.SampleRate), options.BlockSamples);
            return true;
        }
        catch (InvalidOperationException e)
        {
            device!.Dispose();
            error = e.Message;
            return false;
        }
    }

    public override string Description => $"OpenAL device '{_device.Name}' ({_device.SampleRate} Hz)";
    internal override bool PacedByDevice => true;
    internal override void Submit(ReadOnlySpan<float> block)
    {
        Span<short> pcm = _pcm.AsSpan(0, block.Length);
        Speech.Pcm16.FromFloat(block, pcm);
        _stream.Submit(pcm);
    }
    internal override void Flush() => _stream.Flush();
    internal override int ReclaimPlayed()
    {
        // A lost device stops every source and then reports all buffers processed: without this check the queue
        // would drain instantly and every callout would be recorded as played to nobody.
        if (!_device.IsConnected) throw new InvalidOperationException($"audio device '{_device.Name}' was disconnected.");
        return _stream.ReclaimPlayed();
    }

    public override void Dispose()
    {
        _stream.Dispose();
        _device.Dispose();
    }
}
