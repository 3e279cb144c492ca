"""Entry point of the playground page (``<script type="py" src="playground/main.py">``)."""

from playground.app import Playground

playground = Playground()
playground.start()
await playground.load_sdk_if_known()  # noqa: F704 - PyScript runs top-level await
