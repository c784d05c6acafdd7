using System.Buffers.Binary;

namespace CrewChief.Native;

/// <summary>
/// A cheap sanity check of a Linux shared library before dlopen: glibc maps a truncated ELF file and the process
/// dies with SIGBUS when the loader touches the missing pages, which no exception handler can catch. A file
/// whose loadable segments or section table reach past its end is refused with a message instead.
/// </summary>
internal static class ElfImage
{
    private const int PtLoad = 1;
    private const uint ShtNoBits = 8;

    /// <summary>False with a one-line reason when the file is not a whole 64-bit little-endian ELF image.</summary>
    public static bool TryValidate(string path, out string? problem)
    {
        try
        {
            using var file = File.OpenRead(path);
            long length = file.Length;
            Span<byte> header = stackalloc byte[64];
            if (file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
                return Fail(out problem, "shorter than an ELF header");
            if (header[0] != 0x7F || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
                return Fail(out problem, "not an ELF file");
            if (header[4] != 2 || header[5] != 1) return Fail(out problem, "not a 64-bit little-endian ELF file");

            long phoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[0x20..]);
            long shoff = (long)BinaryPrimitives.ReadUInt64LittleEndian(header[0x28..]);
            int phentsize = BinaryPrimitives.ReadUInt16LittleEndian(header[0x36..]);
            int phnum = BinaryPrimitives.ReadUInt16LittleEndian(header[0x38..]);
            int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(header[0x3A..]);
            int shnum = BinaryPrimitives.ReadUInt16LittleEndian(header[0x3C..]);
            if (phoff < 0 || shoff < 0 || phoff + (long)phentsize * phnum > length || shoff + (long)shentsize * shnum > length)
                return Fail(out problem, $"truncated ({length} bytes)");

            byte[] table = new byte[phentsize * phnum];
            file.Position = phoff;
            file.ReadExactly(table);
            for (int i = 0; i < phnum; i++)
            {
                ReadOnlySpan<byte> ph = table.AsSpan(i * phentsize, phentsize);
                if (BinaryPrimitives.ReadUInt32LittleEndian(ph) != PtLoad) continue;
                long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(ph[8..]);
                long size = (long)BinaryPrimitives.ReadUInt64LittleEndian(ph[32..]);
                if (offset + size > length) return Fail(out problem, $"truncated ({length} bytes, a segment ends at {offset + size})");
            }
            // Every section with file contents must lie inside the file too: a copy cut mid-way can keep its
            // (early) program headers whole while losing the tail the loader later pages in.
            if (shnum > 0 && shentsize >= 0x28)
            {
                byte[] sections = new byte[shentsize * shnum];
                file.Position = shoff;
                file.ReadExactly(sections);
                for (int i = 0; i < shnum; i++)
                {
                    ReadOnlySpan<byte> sh = sections.AsSpan(i * shentsize, shentsize);
                    if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) == ShtNoBits) continue;
                    long offset = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x18..]);
                    long size = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[0x20..]);
                    if (offset < 0 || size < 0 || offset + size > length)
                        return Fail(out problem, $"truncated ({length} bytes, a section ends at {offset + size})");
                }
            }
            problem = null;
            return true;
        }
        catch (EndOfStreamException)
        {
            return Fail(out problem, "truncated");
        }
        catch (IOException e)
        {
            return Fail(out problem, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(out problem, e.Message);
        }
    }

    private static bool Fail(out string? problem, string reason)
    {
        problem = reason;
        return false;
    }
}
