namespace CrewChief.Tools.Doctor;

/// <summary>One line of 'crewchief doctor': what was checked, how it stands, and what to do about it.</summary>
public readonly record struct SetupFinding(string Area, SetupLevel Level, string Detail, string? Fix);
