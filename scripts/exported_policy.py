#!/usr/bin/env python3
"""Rebuilds a policy exported by `a3c checkpoints export` as a torch.nn.Module, loads its weights, and acts.

    from exported_policy import load_policy
    policy, sidecar = load_policy("cartpole.pt")        # or cartpole.safetensors; reads cartpole.pt.json beside it
    logits = policy(torch.tensor([[0.01, -0.02, 0.03, 0.04]]))
    action = logits.argmax(-1)                           # or torch.distributions.Categorical(logits=logits).sample()

From the command line, `python3 scripts/exported_policy.py FILE [--observations OBS.json]` describes the
policy, or prints its logits and greedy actions for the observations in OBS.json (a JSON list of them) as JSON.
Needs only PyTorch (Debian: python3-torch); safetensors files are read without the safetensors package.
"""
import argparse
import json
import struct

import torch
from torch import nn


class ExportedPolicy(nn.Module):
    """The actor-critic the sidecar describes, with the parameter names a3c exports: forward gives the logits."""

    def __init__(self, sidecar):
        super().__init__()
        self.divisor = float(sidecar["observationDivisor"])
        actions = sidecar["actionSpace"]["n"]
        shapes = {layer["name"]: layer["shape"] for layer in sidecar["layers"]}
        if sidecar["activation"] != "relu":
            raise ValueError(f"unknown activation {sidecar['activation']!r}")
        if sidecar["kind"] == "mlp-actor-critic":
            (inputs,), hidden = sidecar["observationShape"], sidecar["hidden"]
            self.body = nn.Linear(inputs, hidden)
            self.policy = nn.Linear(hidden, actions)
            self.value = nn.Linear(hidden, 1)
        elif sidecar["kind"] == "atari-actor-critic":
            channels = sidecar["observationShape"][0]
            features, hidden = shapes["policy.0.weight"][1], shapes["policy.0.weight"][0]
            self.conv = nn.Sequential(
                nn.Conv2d(channels, 32, 8, stride=4), nn.ReLU(),
                nn.Conv2d(32, 64, 4, stride=2), nn.ReLU(),
                nn.Conv2d(64, 64, 3, stride=1), nn.ReLU(),
                nn.Flatten())
            self.policy = nn.Sequential(nn.Linear(features, hidden), nn.ReLU(), nn.Linear(hidden, actions))
            self.value = nn.Sequential(nn.Linear(features, hidden), nn.ReLU(), nn.Linear(hidden, 1))
        else:
            raise ValueError(f"unknown network kind {sidecar['kind']!r}")

    def forward(self, observations):
        return self.policy(self.features(observations))

    def evaluate(self, observations):
        """Logits [batch, actions] and state values [batch]."""
        features = self.features(observations)
        return self.policy(features), self.value(features).squeeze(-1)

    def features(self, observations):
        scaled = observations.float() / self.divisor
        return torch.relu(self.body(scaled)) if hasattr(self, "body") else self.conv(scaled)


def load_state_dict(path):
    """A state_dict from torch.save's zip archive or from a safetensors file, told apart by their first bytes."""
    with open(path, "rb") as file:
        data = file.read()
    if data[:4] == b"PK\x03\x04":
        return torch.load(path, map_location="cpu")
    (header_length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_length])
    dtypes = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8}
    tensors = {}
    for name, tensor in header.items():
        if name == "__metadata__":
            continue
        start, end = (8 + header_length + offset for offset in tensor["data_offsets"])
        tensors[name] = torch.frombuffer(bytearray(data[start:end]), dtype=dtypes[tensor["dtype"]]).reshape(tensor["shape"])
    return tensors


def load_policy(path):
    """The policy module with the exported weights, in eval mode, and its sidecar (path + ".json") as a dict."""
    with open(path + ".json") as file:
        sidecar = json.load(file)
    policy = ExportedPolicy(sidecar)
    policy.load_state_dict(load_state_dict(path))
    return policy.eval(), sidecar


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("weights", help="the exported weights; the sidecar WEIGHTS.json must be beside it")
    arguments.add_argument("--observations", help="a JSON list of observations to print the logits and greedy actions of")
    options = arguments.parse_args()
    policy, sidecar = load_policy(options.weights)
    dtype = {"float32": torch.float32, "uint8": torch.uint8}[sidecar["observationDtype"]]
    if options.observations is None:
        print(f"{sidecar['kind']} for {sidecar['environment']} from snapshot {sidecar['step']} of run {sidecar['run']!r}: "
              f"observations {sidecar['observationShape']} {sidecar['observationDtype']}, {sidecar['actionSpace']['n']} actions")
        return
    with open(options.observations) as file:
        observations = torch.tensor(json.load(file), dtype=dtype)
    with torch.no_grad():
        logits = policy(observations)
    print(json.dumps({"logits": logits.double().tolist(), "actions": logits.argmax(-1).tolist()}))


if __name__ == "__main__":
    main()
