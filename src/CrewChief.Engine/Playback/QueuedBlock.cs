namespace CrewChief.Playback;

/// <summary>
/// One block in the sink's queue: whose audio it holds and from where (so a flush can rewind it), and whether it
/// opens the utterance (<paramref name="First"/>) or its resumption (<paramref name="Resumed"/>): the Started
/// record is written when such a block is heard, so a block discarded unheard never announces anything.
/// </summary>
internal readonly record struct QueuedBlock(Utterance? Utterance, long Cursor, int Count, bool First, bool Resumed);
