using System.Reflection;
using System.Runtime.ExceptionServices;
using Peninsula.Questions;
using Peninsula.Storage;

namespace Peninsula.Tests.Storage;

/// <summary>
/// A store that lets another writer in at one chosen moment: the first time a method of the given
/// name has returned, an intruding write runs, as a second process would between a read and a
/// write. Everything else goes straight to the real store.
/// </summary>
public class Interleaved : DispatchProxy
{
    private IEventStore _inner = null!;
    private string _after = "";
    private Func<Task>? _intrude;

    /// <summary>Wraps <paramref name="inner"/> so that <paramref name="intrude"/> runs once, just after the first call of <paramref name="after"/> (a method that returns a <c>Task&lt;T&gt;</c>).</summary>
    public static IEventStore Wrap(IEventStore inner, string after, Func<Task> intrude)
    {
        var store = Create<IStoreWithQuestions, Interleaved>();
        var self = (Interleaved)(object)store;
        (self._inner, self._after, self._intrude) = (inner, after, intrude);
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == _after && _intrude is { } intrude)
        {
            _intrude = null;
            var result = targetMethod.ReturnType.GetGenericArguments().Single();
            return typeof(Interleaved).GetMethod(nameof(AfterAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                .MakeGenericMethod(result).Invoke(this, [intrude, targetMethod, args]);
        }

        return Call(targetMethod, args);
    }

    private async Task<T> AfterAsync<T>(Func<Task> intrude, MethodInfo method, object?[]? args)
    {
        var result = await (Task<T>)Call(method, args)!;
        await intrude();
        return result;
    }

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}

/// <summary>What every store Peninsula opens is, so that <see cref="Interleaved"/> keeps the questions too (<see cref="QuestionStores.Questions"/>).</summary>
public interface IStoreWithQuestions : IEventStore, IQuestionStore;
