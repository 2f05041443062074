using Microsoft.Data.Sqlite;

namespace O365Functions.Storage.Sqlite;

/// <summary>Sets a command's parameters by name, reusing the parameter objects of a prepared command run again.</summary>
internal static class SqliteParameterBinding
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>, adding the parameter on the command's first run.</summary>
    public static SqliteCommand Bind(this SqliteCommand command, string name, object value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value);
        }
        else
        {
            parameters[index].Value = value;
        }

        return command;
    }
}
