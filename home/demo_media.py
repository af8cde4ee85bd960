"""Generated media: the demo content's checklist download, and a stand-in picture for the
image blocks of tests and benchmarks.

Made with Pillow when needed, so the repository holds no binary files. The demo resources have
no picture: a generated one would mean nothing, and its alt text would describe an
illustration that is not there.
"""

import hashlib
import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents.models import Document
from wagtail.images.models import Image

from PIL import Image as PILImage
from PIL import ImageDraw


def placeholder_image(doc_id):
    """A generated picture (three coloured circles from ``doc_id``) for tests and benchmarks
    that need an image block; not for content people see."""
    title = f"demo-{doc_id}"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    digest = hashlib.sha256(doc_id.encode()).digest()
    colours = [tuple(digest[i : i + 3]) for i in range(0, 12, 3)]
    canvas = PILImage.new("RGB", (960, 480), colours[0])
    draw = ImageDraw.Draw(canvas)
    for i, colour in enumerate(colours[1:]):
        x = 120 + i * 260 + digest[12 + i] % 60
        draw.ellipse(
            (x, 90 + digest[16 + i] % 120, x + 240, 330 + digest[16 + i] % 120), fill=colour
        )
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{doc_id}.png"))


def checklist_document():
    """The one demo download: a printable first-week checklist, as a PDF."""
    title = "Mentor's first-week checklist"
    document = Document.objects.filter(title=title).first()
    if document is not None:
        return document
    canvas = PILImage.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(canvas)
    lines = [
        "SoftComInVET - Mentor's first-week checklist",
        "",
        "[ ] Welcome the trainee in person and introduce the team",
        "[ ] Show the workplace, safety rules and who to ask for help",
        "[ ] Agree working hours, breaks and how to report sick",
        "[ ] Set up a 15-minute weekly feedback talk",
        "[ ] Agree two learning goals for the placement",
        "[ ] Check the trainee understands the key work words",
        "[ ] End of week: ask what went well and what was hard",
    ]
    for i, line in enumerate(lines):
        draw.text((100, 120 + i * 60), line, fill="black", font_size=32 if i else 40)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PDF")
    return Document.objects.create(
        title=title, file=ContentFile(buffer.getvalue(), name="first-week-checklist.pdf")
    )
