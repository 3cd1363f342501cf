using System.Text;

namespace A3C.Actors.Monitoring;

/// <summary>
/// How an actor's type reads on a dashboard: <c>LearnerActor&lt;Single&gt;</c> rather than the CLR's
/// <c>LearnerActor`1</c>, which hides which learner it is.
/// </summary>
public static class ActorTypeNames
{
    public static string Display(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!type.IsGenericType) return type.Name;
        var text = new StringBuilder();
        Append(text, type);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`');
        text.Append(tick > 0 ? name[..tick] : name);
        if (!type.IsGenericType) return;
        text.Append('<');
        var arguments = type.GetGenericArguments();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0) text.Append(", ");
            Append(text, arguments[i]);
        }
        text.Append('>');
    }
}
