"""The learned event coder: a fine-tuned encoder (ONNX) that decides which sentences hold which events."""
