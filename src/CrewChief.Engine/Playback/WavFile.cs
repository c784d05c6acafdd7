using System.Buffers.Binary;

namespace CrewChief.Playback;

/// <summary>Writes 16-bit PCM mono/stereo RIFF WAVE files; the header is patched with the final length on dispose.</summary>
public sealed class WavFile : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private long _dataBytes;

    public int SampleRate { get; }
    public int Channels { get; }

    public WavFile(string path, int sampleRate, int channels = 1)
        : this(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), sampleRate, channels, ownsStream: true) { }

    public WavFile(Stream stream, int sampleRate, int channels = 1, bool ownsStream = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        SampleRate = sampleRate;
        Channels = channels;
        Span<byte> header = stackalloc byte[44];
        WriteHeader(header, sampleRate, channels, 0);
        _stream.Write(header);
    }

    public long SamplesWritten => _dataBytes / 2 / Channels;

    public void Write(ReadOnlySpan<short> samples)
    {
        Span<byte> buf = stackalloc byte[1024];
        while (!samples.IsEmpty)
        {
            int n = Math.Min(samples.Length, buf.Length / 2);
            for (int i = 0; i < n; i++) BinaryPrimitives.WriteInt16LittleEndian(buf.Slice(i * 2), samples[i]);
            _stream.Write(buf[..(n * 2)]);
            _dataBytes += n * 2;
            samples = samples[n..];
        }
    }

    /// <summary>Writes float samples in [-1, 1], clipped.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        Span<short> buf = stackalloc short[512];
        while (!samples.IsEmpty)
        {
            int n = Math.Min(samples.Length, buf.Length);
            Speech.Pcm16.FromFloat(samples[..n], buf);
            Write(buf[..n]);
            samples = samples[n..];
        }
    }

    public void Dispose()
    {
        if (_stream.CanSeek)
        {
            long end = _stream.Position;
            Span<byte> header = stackalloc byte[44];
            WriteHeader(header, SampleRate, Channels, _dataBytes);
            _stream.Position = end - _dataBytes - 44;
            _stream.Write(header);
            _stream.Position = end;
        }
        _stream.Flush();
        if (_ownsStream) _stream.Dispose();
    }

    private static void WriteHeader(Span<byte> h, int sampleRate, int channels, long dataBytes)
    {
        uint data = (uint)Math.Min(dataBytes, uint.MaxValue - 36);
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], 36 + data);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], (uint)(sampleRate * channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], 16);
        "data"u8.CopyTo(h[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[40..], data);
    }
}
