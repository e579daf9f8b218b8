"""Many staff files read by `digiskill aggregate` in this process and forked workers together (one a core in all).

The command hands out the chunks: each worker is given a few chunk numbers ahead over its own pipe, and one more
each time it sends a chunk's results back; the command reads chunks itself in between and takes in what came. So
all finish within a chunk of each other whatever each chunk costs, and what the command reads itself never
crosses a pipe. (A pool of one worker a core left the command idle but for unpickling the results, which then
competed with the workers for the cores: reading went 1.4× a single process on two cores; this way 1.8×.)

Nothing is shared but the pipes, so a worker that ends early (killed, out of memory) can stall nobody: its pipe
closes, a message it was half-way through sending is dropped, and the chunks it was given and did not send back are
read by the command. A worker sends from a thread of its own, so it goes on reading while the command is busy with
its own chunk and not yet taking the results in. Results cross as plain tuples, `marshal`led (staff_reading.py).
"""
from __future__ import annotations

import marshal
import multiprocessing
import queue
import signal
import threading
from multiprocessing.connection import wait

AHEAD = 3  # chunk numbers a worker holds: it never waits for the command, which answers between its own chunks
CHUNK = 250  # files a chunk at most: about 25 ms of work, so the processes end within about AHEAD chunks of that


def read_shared(tasks: list[tuple], processes: int, read_chunk, to_wire, from_wire) -> list:
    """`read_chunk(tasks) -> results` over every task, in task order; `to_wire`/`from_wire` turn one result into
    plain tuples and back."""
    size = max(50, min(CHUNK, len(tasks) // (processes * 8)))
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    workers = _start(min(processes - 1, len(chunks) // AHEAD), chunks, read_chunk, to_wire)
    out: list = [None] * len(chunks)
    given: dict = {}  # worker's pipe -> the chunk numbers it holds
    handing = iter(range(len(chunks)))
    try:
        for _process, pipe in workers:
            given[pipe] = []
            for _ in range(AHEAD):
                _give(pipe, next(handing, -1), given)
        for index in handing:
            out[index] = read_chunk(chunks[index])
            _take_in(given, out, handing, from_wire, timeout=0)
        while given:  # every chunk handed out: what the workers still hold
            _take_in(given, out, handing, from_wire, timeout=None)
        for index, part in enumerate(out):
            if part is None:  # held by a worker that ended without sending it back
                out[index] = read_chunk(chunks[index])
    finally:
        for process, pipe in workers:
            pipe.close()
            if process.is_alive():  # only when this process stops early (an error, Ctrl+C)
                process.kill()
            process.join()
    return [result for part in out for result in part]


def _start(count: int, chunks: list, read_chunk, to_wire) -> list[tuple]:
    """`count` workers, each with its own pipe, forked with Ctrl+C ignored, which they keep: Ctrl+C is the command's
    to answer (it stops its workers on the way out), not each worker's with a traceback of its own. Ignored around
    the fork, not first thing in the worker, which a Ctrl+C could reach before."""
    context = multiprocessing.get_context("fork")
    here = threading.current_thread() is threading.main_thread()  # only the main thread may set a handler
    previous = signal.getsignal(signal.SIGINT) if here else None  # None: not Python's to set (an embedding host)
    if previous is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    workers = []
    try:
        for _ in range(count):
            pipe, theirs = context.Pipe()
            ours = [pipe] + [mine for _process, mine in workers]  # forked along; the worker closes them first
            process = context.Process(target=_work, args=(theirs, ours, chunks, read_chunk, to_wire), daemon=True)
            process.start()
            theirs.close()  # only the worker holds its end: when it ends, its pipe reads as closed here
            workers.append((process, pipe))
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return workers


def _give(pipe, index: int, given: dict) -> None:
    """Hand a chunk number to a worker (-1: no more); a worker that has ended is let go."""
    try:
        pipe.send_bytes(index.to_bytes(4, "little", signed=True))
    except OSError:
        return _let_go(pipe, given)
    if index >= 0:
        given[pipe].append(index)


def _let_go(pipe, given: dict) -> None:
    given.pop(pipe, None)  # what it held stays unread in `out`: the command reads it at the end


def _take_in(given: dict, out: list, handing, from_wire, timeout) -> None:
    """The results every worker has sent back so far (with `timeout` None, at least one worker's, or its end), each
    answered with the next chunk number."""
    for pipe in wait(list(given), timeout):
        try:
            index, wires = marshal.loads(pipe.recv_bytes())
        except (EOFError, OSError, ValueError):  # the worker ended, perhaps half-way through a message
            _let_go(pipe, given)
            continue
        out[index] = [from_wire(wire) for wire in wires]
        given[pipe].remove(index)
        _give(pipe, next(handing, -1), given)
        if not given.get(pipe, True):
            _let_go(pipe, given)  # it was told there is no more, and has sent all it held


def _work(pipe, ours: list, chunks: list, read_chunk, to_wire) -> None:
    """A forked worker: the chunks it is given, each sent back as soon as it is read, until it is given -1 or the
    command has gone. `ours`: the command's ends of the pipes, which the fork copied: closed, so that the command's
    end, when the command stops, leaves this pipe closed for the worker too, and it ends rather than wait forever."""
    for end in ours:
        end.close()
    sending: queue.SimpleQueue = queue.SimpleQueue()
    sender = threading.Thread(target=_send, args=(pipe, sending))
    sender.start()
    try:
        while (index := int.from_bytes(pipe.recv_bytes(), "little", signed=True)) >= 0:
            sending.put(marshal.dumps((index, [to_wire(result) for result in read_chunk(chunks[index])])))
    except EOFError:  # the command has gone
        pass
    finally:
        sending.put(None)
        sender.join()


def _send(pipe, sending: queue.SimpleQueue) -> None:
    while (data := sending.get()) is not None:
        try:
            pipe.send_bytes(data)
        except OSError:  # the command has gone
            return
