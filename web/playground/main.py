"""Entry point of the playground page (``<script type="py" src="playground/main.py">``)."""

from playground.app import Playground

playground = Playground()
playground.start()
playground.spawn(playground.load_sdk_if_known())  # a remembered app key: load the SDK in the background
