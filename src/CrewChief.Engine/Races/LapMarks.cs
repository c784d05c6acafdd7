namespace CrewChief.Races;

/// <summary>What the timing says happened to a car on one lap besides its times (iRacing lap-chart events).</summary>
[Flags]
public enum LapMarks : ushort
{
    None = 0,
    /// <summary>The lap ended in the pit lane (WEC <c>CROSSING_FINISH_LINE_IN_PIT = B</c>; iRacing <c>pitted</c>).</summary>
    EndsInPit = 1 << 0,
    /// <summary>The car was shown the black flag on this lap (iRacing).</summary>
    BlackFlag = 1 << 1,
    /// <summary>The car was towed to the pits on this lap (iRacing).</summary>
    Tow = 1 << 2,
    /// <summary>Off track, contact or lost control on this lap (iRacing incidents).</summary>
    Incident = 1 << 3,
    /// <summary>The car was shown the meatball (repair) flag on this lap (iRacing).</summary>
    Meatball = 1 << 4,
    /// <summary>The lap was driven under a penalty that had to be served (iRacing "Penalty Applied").</summary>
    Penalty = 1 << 5,
}
