"""Synthetic council generator (``cpw synth``): fake but internally consistent 903 returns."""

from cpw.synth.generate import SynthResult, generate_council

__all__ = ["SynthResult", "generate_council"]
