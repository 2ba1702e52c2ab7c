from . import test_pix
