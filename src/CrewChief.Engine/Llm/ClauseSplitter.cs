namespace CrewChief.Llm;

/// <summary>
/// Cuts streamed text into clauses so each can be checked and spoken before the sentence is finished. A clause
/// ends at , ; . ! ? followed by a space; a '.' followed by a digit is a decimal point, and the last clause ends
/// with the text (<see cref="TryTakeRest"/>). One instance per writer, reused.
/// </summary>
public sealed class ClauseSplitter
{
    /// <summary>Text received and not yet handed out as a clause.</summary>
    private char[] _buffer = new char[256];

    /// <summary>How many chars of <see cref="_buffer"/> are in use.</summary>
    private int _length;

    public void Reset() => _length = 0;

    public void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + text.Length));
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    public bool TryTakeClause(out string clause)
    {
        for (int i = 0; i + 1 < _length; i++)
        {
            if (IsClauseEnd(_buffer[i]) && _buffer[i + 1] == ' ')
            {
                clause = new string(_buffer, 0, i + 1).Trim();
                Consume(i + 2);
                if (clause.Length > 0) return true;
                i = -1;
            }
        }
        clause = string.Empty;
        return false;
    }

    /// <summary>The unfinished last clause, at the end of generation.</summary>
    public bool TryTakeRest(out string clause)
    {
        clause = new string(_buffer, 0, _length).Trim();
        _length = 0;
        return clause.Length > 0;
    }

    private static bool IsClauseEnd(char c) => c is ',' or ';' or '.' or '!' or '?';

    private void Consume(int count)
    {
        Array.Copy(_buffer, count, _buffer, 0, _length - count);
        _length -= count;
    }
}
