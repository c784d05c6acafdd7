namespace CrewChief.Native.OpenAl;

/// <summary>
/// One streaming source fed by a small pool of short 16-bit mono buffers, oldest first. Playback-thread only.
/// </summary>
/// <remarks>
/// OpenAL reports progress only through AL_BUFFERS_PROCESSED; there is no callback, so the owner polls
/// <see cref="ReclaimPlayed"/>. A source that ran dry goes to AL_STOPPED and, if played again, would restart from
/// the first buffer still queued; <see cref="Submit"/> therefore unqueues what was heard before restarting it.
/// </remarks>
internal sealed unsafe class OpenAlStream : IDisposable
{
    private uint _source;
    private readonly uint[] _buffers;
    /// <summary>Buffer names not queued on the source, usable by the next <see cref="Submit"/>.</summary>
    private readonly Stack<uint> _free;
    /// <summary>Buffers queued on the source and not yet unqueued (heard or not).</summary>
    private int _queued;
    /// <summary>Buffers unqueued inside <see cref="Submit"/> that <see cref="ReclaimPlayed"/> has not reported yet.</summary>
    private int _heardUnreported;
    private readonly int _sampleRate;

    public OpenAlStream(int bufferCount, int sampleRate)
    {
        _sampleRate = sampleRate;
        _buffers = new uint[bufferCount];
        _free = new Stack<uint>(bufferCount);
        OpenAl.alGetError();
        uint source;
        OpenAl.alGenSources(1, &source);
        Check("alGenSources");
        _source = source;
        fixed (uint* b = _buffers) OpenAl.alGenBuffers(bufferCount, b);
        Check("alGenBuffers");
        for (int i = bufferCount - 1; i >= 0; i--) _free.Push(_buffers[i]);
        // A voice, not a point in space: no distance attenuation, always at the listener.
        OpenAl.alSourcei(source, OpenAl.AL_SOURCE_RELATIVE, 1);
        OpenAl.alSourcef(source, OpenAl.AL_ROLLOFF_FACTOR, 0f);
        // Volume is applied to the PCM by the stage so the WAV sink writes exactly what the device plays.
        OpenAl.alSourcef(source, OpenAl.AL_GAIN, 1f);
        Check("source setup");
    }

    /// <summary>Free buffers: how many blocks can be submitted now.</summary>
    public int FreeBuffers => _free.Count;

    /// <summary>Blocks queued on the source and not yet reclaimed.</summary>
    public int Queued => _queued;

    /// <summary>Queues one block and makes sure the source is playing.</summary>
    public void Submit(ReadOnlySpan<short> block)
    {
        if (_free.Count == 0) throw new InvalidOperationException("OpenAL stream has no free buffer.");
        uint buffer = _free.Pop();
        fixed (short* p = block) OpenAl.alBufferData(buffer, OpenAl.AL_FORMAT_MONO16, p, block.Length * sizeof(short), _sampleRate);
        int older = _queued;
        OpenAl.alSourceQueueBuffers(_source, 1, &buffer);
        _queued++;
        int state;
        OpenAl.alGetSourcei(_source, OpenAl.AL_SOURCE_STATE, &state);
        if (state != OpenAl.AL_PLAYING)
        {
            // Idle or ran dry (possibly between the check and the queue): everything queued before this block
            // has been heard. Drop it from the head so the restart begins with the new block.
            if (older > 0) Unqueue(older);
            _heardUnreported += older;
            OpenAl.alSourcePlay(_source);
        }
        Check("queue");
    }

    /// <summary>Unqueues the buffers the source has finished; returns how many blocks were heard since the last call.</summary>
    public int ReclaimPlayed()
    {
        int processed;
        OpenAl.alGetSourcei(_source, OpenAl.AL_BUFFERS_PROCESSED, &processed);
        if (processed > _queued) processed = _queued;
        if (processed > 0) Unqueue(processed);
        int heard = processed + _heardUnreported;
        _heardUnreported = 0;
        Check("reclaim");
        return heard;
    }

    /// <summary>Stops at once and discards every queued block, heard or not.</summary>
    public void Flush()
    {
        OpenAl.alSourceStop(_source);
        if (_queued > 0) Unqueue(_queued);
        _heardUnreported = 0;
        Check("flush");
    }

    private void Unqueue(int count)
    {
        Span<uint> names = stackalloc uint[count];
        fixed (uint* p = names) OpenAl.alSourceUnqueueBuffers(_source, count, p);
        for (int i = 0; i < count; i++) _free.Push(names[i]);
        _queued -= count;
    }

    private static void Check(string what)
    {
        int code = OpenAl.alGetError();
        if (code != OpenAl.AL_NO_ERROR) throw new InvalidOperationException($"OpenAL {what} failed (AL error 0x{code:X}).");
    }

    public void Dispose()
    {
        if (_source == 0) return;
        uint source = _source;
        OpenAl.alSourceStop(source);
        OpenAl.alSourcei(source, OpenAl.AL_BUFFER, 0);
        OpenAl.alDeleteSources(1, &source);
        fixed (uint* b = _buffers) OpenAl.alDeleteBuffers(_buffers.Length, b);
        OpenAl.alGetError();
        _source = 0;
    }
}
