namespace A3C.Actors.Persistence;

/// <summary>A store could not do what was asked: an unusable database, a schema it does not understand.</summary>
public class PersistenceException : Exception
{
    public PersistenceException(string message) : base(message) { }

    public PersistenceException(string message, Exception innerException) : base(message, innerException) { }
}
