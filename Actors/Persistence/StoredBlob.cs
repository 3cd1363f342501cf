namespace A3C.Actors.Persistence;

/// <summary>A blob row as stored: its recorded length and the length its data actually has.</summary>
internal sealed record StoredBlob(string Name, long RecordedLength, long ActualLength);
