namespace CrewChief.Playback;

/// <summary>
/// Writes what would have been heard to a 16-bit mono WAV: it models the device's queue (blocks wait their turn,
/// a flush discards the ones not yet heard) and writes the oldest block, or silence, on each <see cref="Render"/>.
/// The same scheduler drives it, so cut-offs and gaps land where the device would put them.
/// </summary>
public sealed class WavSink : PlaybackSink
{
    private readonly WavFile _wav;
    private readonly string _path;
    /// <summary>Queued blocks, oldest at <see cref="_head"/>; <see cref="_count"/> of them valid.</summary>
    private readonly float[][] _queue;
    private int _head;
    private int _count;
    private readonly float[] _silence;

    private WavSink(WavFile wav, string path, int queueBlocks, int blockSamples)
    {
        _wav = wav;
        _path = path;
        _queue = new float[queueBlocks][];
        for (int i = 0; i < queueBlocks; i++) _queue[i] = new float[blockSamples];
        _silence = new float[blockSamples];
    }

    internal static bool TryOpen(PlaybackOptions options, out WavSink? sink, out string error)
    {
        sink = null;
        error = "";
        string path = options.WavPath;
        try
        {
            var wav = new WavFile(path, options.SampleRate, channels: 1);
            sink = new WavSink(wav, path, options.QueueBlocks, options.BlockSamples);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"{path}: cannot write the WAV file ({e.Message.ReplaceLineEndings(" ")}); choose another --out path.";
            return false;
        }
    }

    public override string Description => $"WAV file {_path}";
    internal override bool PacedByDevice => false;

    internal override void Submit(ReadOnlySpan<float> block)
    {
        if (_count == _queue.Length) throw new InvalidOperationException("WAV sink queue is full.");
        float[] slot = _queue[(_head + _count) % _queue.Length];
        block.CopyTo(slot);
        if (block.Length < slot.Length) slot.AsSpan(block.Length).Clear();
        _count++;
    }

    internal override void Flush() => _count = 0;

    internal override void Render()
    {
        if (_count == 0)
        {
            _wav.Write(_silence);
            return;
        }
        _wav.Write(_queue[_head]);
        _head = (_head + 1) % _queue.Length;
        _count--;
    }

    public override void Dispose() => _wav.Dispose();
}
