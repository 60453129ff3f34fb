"""The benchmark workload of `npm run bench` in PyTorch (CPU, one thread), as a long-lived worker.

Reads one command per line on stdin, "<N> <k> <steps>", trains the (N, k) model `steps` SGD steps and prints
{"N","k","steps","seconds","loss"}; keeps one model per size. Prints {"ready": true, "torch": version} first.
"dataset <threads> <steps>" runs the data-set workload (DatasetWorkload) with torch.set_num_threads(threads);
"classifier <threads> <steps>" the classification workload (ClassifierWorkload) likewise.
Workload (bench/README.md): nn.Conv1d(1, 1, k, padding='same', bias=True) -> nn.MaxPool1d(2, stride=1) -> MSE
against a fixed random target, optim.SGD(lr=0.01), with dC/dx_in computed every step (the input requires grad).
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(42)


def uniform(n, seed):
    """The bench's data generator, the same in bench.mjs and native_bench.cpp: a 32-bit LCG mapped to [-1, 1)."""
    out, state = [], seed
    for _ in range(n):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        out.append((state >> 8) * (2.0 / 16777216.0) - 1.0)
    return torch.tensor(out, dtype=torch.float32)


class Workload:
    def __init__(self, n, k):
        self.net = torch.nn.Sequential(torch.nn.Conv1d(1, 1, k, padding='same', bias=True),
                                       torch.nn.MaxPool1d(2, stride=1))
        self.x = uniform(n, 1).reshape(1, 1, n).requires_grad_(True)
        self.target = uniform(n - 1, 2).reshape(1, 1, n - 1)
        self.loss_fn = torch.nn.MSELoss()
        self.optimizer = torch.optim.SGD(self.net.parameters(), lr=0.01)

    def train(self, steps):
        loss = None
        for _ in range(steps):
            self.optimizer.zero_grad()
            self.x.grad = None
            loss = self.loss_fn(self.net(self.x), self.target)
            loss.backward()  # fills dC/dW, dC/db and dC/dx_in
            self.optimizer.step()
        return float(loss)


class DatasetWorkload:
    """256 examples of N = 1024 in batches of 32 (in order): Conv1d(1, 8, 9, 'same') -> ReLU -> MaxPool1d(2, 1) ->
    Conv1d(8, 1, 9, 'same'), MSELoss (mean over the batch), Adam(lr=0.001). Inputs seed 3, targets seed 4."""

    COUNT, N, BATCH = 256, 1024, 32

    def __init__(self):
        self.net = torch.nn.Sequential(torch.nn.Conv1d(1, 8, 9, padding='same'), torch.nn.ReLU(),
                                       torch.nn.MaxPool1d(2, stride=1), torch.nn.Conv1d(8, 1, 9, padding='same'))
        self.inputs = uniform(self.COUNT * self.N, 3).reshape(self.COUNT, 1, self.N)
        self.targets = uniform(self.COUNT * (self.N - 1), 4).reshape(self.COUNT, 1, self.N - 1)
        self.loss_fn = torch.nn.MSELoss()
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=0.001)
        self.step = 0

    def train(self, steps):
        loss = None
        for _ in range(steps):
            start = (self.step * self.BATCH) % self.COUNT
            x, y = self.inputs[start:start + self.BATCH], self.targets[start:start + self.BATCH]
            self.optimizer.zero_grad()
            loss = self.loss_fn(self.net(x), y)
            loss.backward()
            self.optimizer.step()
            self.step += 1
        return float(loss)


class ClassifierWorkload:
    """240 examples of N = 128 in batches of 16 (in order), class index = example index mod 4:
    Conv1d(1, 8, 9, 'same') -> ReLU -> MaxPool1d(2) -> Conv1d(8, 8, 5, 'same') -> ReLU -> AdaptiveAvgPool1d(1) ->
    Flatten -> Linear(8, 4), CrossEntropyLoss (mean over the batch), Adam(lr=0.01). Inputs seed 5."""

    COUNT, N, BATCH, CLASSES = 240, 128, 16, 4

    def __init__(self):
        nn = torch.nn
        self.net = nn.Sequential(nn.Conv1d(1, 8, 9, padding='same'), nn.ReLU(), nn.MaxPool1d(2),
                                 nn.Conv1d(8, 8, 5, padding='same'), nn.ReLU(), nn.AdaptiveAvgPool1d(1),
                                 nn.Flatten(), nn.Linear(8, self.CLASSES))
        self.inputs = uniform(self.COUNT * self.N, 5).reshape(self.COUNT, 1, self.N)
        self.targets = torch.arange(self.COUNT) % self.CLASSES
        self.loss_fn = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.Adam(self.net.parameters(), lr=0.01)
        self.step = 0

    def train(self, steps):
        loss = None
        for _ in range(steps):
            index = torch.tensor([(self.step * self.BATCH + j) % self.COUNT for j in range(self.BATCH)])
            self.optimizer.zero_grad()
            loss = self.loss_fn(self.net(self.inputs[index]), self.targets[index])
            loss.backward()
            self.optimizer.step()
            self.step += 1
        return float(loss)


WORKLOAD_CLASSES = {'dataset': DatasetWorkload, 'classifier': ClassifierWorkload}


def main():
    print(json.dumps({'ready': True, 'torch': torch.__version__, 'threads': torch.get_num_threads()}), flush=True)
    workloads = {}
    for line in sys.stdin:
        if not line.strip():
            continue
        name = line.split()[0]
        if name in WORKLOAD_CLASSES:
            _, threads, steps = line.split()
            torch.set_num_threads(int(threads))
            if name not in workloads:
                workloads[name] = WORKLOAD_CLASSES[name]()
            start, cpu_start = time.perf_counter(), time.process_time()
            loss = workloads[name].train(int(steps))
            seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
            torch.set_num_threads(1)
            print(json.dumps({'workload': name, 'threads': int(threads), 'steps': int(steps), 'seconds': seconds,
                              'cpuSeconds': cpu_seconds, 'loss': loss}), flush=True)
            continue
        n, k, steps = (int(v) for v in line.split())
        if (n, k) not in workloads:
            workloads[(n, k)] = Workload(n, k)
        start = time.perf_counter()
        loss = workloads[(n, k)].train(steps)
        seconds = time.perf_counter() - start
        print(json.dumps({'N': n, 'k': k, 'steps': steps, 'seconds': seconds, 'loss': loss}), flush=True)


if __name__ == '__main__':
    main()
