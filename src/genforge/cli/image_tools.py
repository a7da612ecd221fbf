"""`genforge inpaint | upscale | translate RUN`: a trained image-to-image run on your pictures.

    genforge inpaint RUN --image in.png --mask mask.png --out out.png   (white = hole; or --box x,y,w,h)
    genforge upscale RUN --image small.png --out big.png
    genforge translate RUN --image a.png --direction a2b --out b.png
    ... --images IN_FOLDER --out OUT_FOLDER                            (every picture of a folder)
"""

from __future__ import annotations

from .run_flags import add_checkpoint_argument


def add_parser(subparsers) -> None:
    for name, help_text in (("inpaint", "fill the holes of pictures"), ("upscale", "upscale pictures"),
                            ("translate", "translate pictures to the other domain")):
        parser = subparsers.add_parser(name, help=help_text, description=__doc__)
        parser.add_argument("run_folder", metavar="RUN")
        parser.add_argument("--image", metavar="FILE", help="one picture")
        parser.add_argument("--images", metavar="FOLDER", help="every picture of a folder, each to OUT/NAME.png")
        parser.add_argument("--out", required=True, help="a .png (one picture) or a folder (--images)")
        if name == "inpaint":
            parser.add_argument("--mask", metavar="FILE", help="the hole: white pixels, the image's size")
            parser.add_argument("--box", metavar="X,Y,W,H", help="the hole: a rectangle in pixels")
        if name == "translate":
            parser.add_argument("--direction", default="a2b", help="a2b or b2a (default a2b)")
        add_checkpoint_argument(parser)
        parser.set_defaults(run=RUNNERS[name])


def inpaint(args) -> int:
    from ..pipelines.image.image_tools import inpaint_files, pairs_of_files

    count = inpaint_files(args.run_folder, pairs_of_files(args.image, args.images, args.out), args.mask, args.box,
                          args.checkpoint)
    print(f"{count} inpainted picture(s) written to {args.out}")
    return 0


def upscale(args) -> int:
    from ..pipelines.image.image_tools import pairs_of_files, upscale_files

    count = upscale_files(args.run_folder, pairs_of_files(args.image, args.images, args.out), args.checkpoint)
    print(f"{count} upscaled picture(s) written to {args.out}")
    return 0


def translate(args) -> int:
    from ..pipelines.image.image_tools import pairs_of_files, translate_files

    count = translate_files(args.run_folder, pairs_of_files(args.image, args.images, args.out), args.direction,
                            args.checkpoint)
    print(f"{count} translated picture(s) written to {args.out}")
    return 0


RUNNERS = {"inpaint": inpaint, "upscale": upscale, "translate": translate}
