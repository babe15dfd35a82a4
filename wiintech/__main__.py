import sys

from wiintech.cli import main

sys.exit(main())
