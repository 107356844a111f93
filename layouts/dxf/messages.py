"""What the DXF import report says, as message keys and their numbers, written in each language.

A report item holds no sentence of its own: a key of :data:`MESSAGES` and its values (numbers, the
names the user drew, codes). The sentence is a gettext message of the ``layouts`` catalogue
(``locales/<lang>/LC_MESSAGES/layouts.po``, English ids, see :mod:`planner.i18n`) filled by
:func:`render` with the project's one number format (:mod:`planner.numbers`) and the names of the one
vocabulary (:mod:`planner.vocabulary`). The format spec of a placeholder says how its value is written::

    {n}          a whole number (French groups thousands: ``1 234``), a string as it is
    {x:.2}       2 decimals (``2.40`` / ``2,40``); {x:,.0} groups thousands in English too
    {x:m2.2}     a number and its unit of the vocabulary (``4.00 m²`` / ``4,00 m²``); {x:m~} 3 significant
                 digits; {x:m2} up to 4 decimals, trailing zeros dropped
    {x:pct}      a ratio as a percentage (``2 %``); {x:+pct} with its sign (``-33 %``)
    {x:q}        a text the user drew, quoted (``'SALON'`` / ``« SALON »``); a list: each one quoted
    {x:unit}     a drawing unit in words (``millimetres`` / ``millimètres``)
    {x:use}      a use of the vocabulary (``dormitory`` / ``dortoir``); {x:useq} quoted; {x:group} groups
    {x:t}        a phrase of the code (marked with ``N_``), translated
    {x:geos}     why an outline is not a valid polygon (GEOS's words), {x:audit} what ezdxf's audit said
    {x}          a nested message ``{"key": …, "params": {…}}`` (or a list of them, joined by ``; ``)

Names the user drew (layers, label texts, blocks) are written as drawn. English renderings keep the
wording the report always had (tests and users' scripts read ``ReportItem.message``).

Adding an item: a key and its English text (``N_``) in :data:`MESSAGES`, its French text in
``locales/fr/LC_MESSAGES/layouts.po`` (and the English one repeated in ``locales/en``), then
``report.add(kind, key, {values}, layer=…, at=…)``; tests/unit/test_dxf_import_french.py fails on a key
without both texts. A refusal: :data:`REFUSALS` and ``raise Refused(key, **values)``.
"""
from __future__ import annotations

import math
import re
from typing import Any

from centreplan.planner import numbers, vocabulary
from centreplan.planner.errors import DxfImportError
from centreplan.planner.i18n import N_, catalogue

DOMAIN = "layouts"
LANGS = ("en", "fr")

# The headings of the report's sections, one per kind of item.
KIND_TITLES = {
    "error": N_("could not be read"),
    "audit": N_("problems the DXF audit found and repaired"),
    "units": N_("units"),
    "version": N_("DXF version"),
    "open_outline": N_("open outlines on room layers (not imported)"),
    "bad_outline": N_("outlines that are not a usable polygon"),
    "unlabelled": N_("outlines without a label"),
    "use_unknown": N_("rooms whose use was not recognised (set to 'storage' — set them)"),
    "label_conflict": N_("labels that disagree with their layer or with themselves"),
    "missing_beds": N_("sleeping rooms without a number of beds"),
    "overlap": N_("overlapping outlines"),
    "nested": N_("outlines inside other outlines"),
    "hatch": N_("hatches on room layers"),
    "text_outside": N_("texts outside every room"),
    "label_layer": N_("labels read from layers the mapping does not know"),
    "text_unused": N_("texts inside rooms on layers that are not label layers (not read)"),
    "walls": N_("outlines snapped to wall centre lines"),
    "door": N_("doors that could not be placed"),
    "door_outside": N_("doors placed on an outer wall (doors to outside)"),
    "window": N_("windows"),
    "unmapped_outline": N_("closed outlines on layers the mapping does not know"),
    "geometry": N_("problems in the imported plan"),
    "clusters": N_("several drawings in one model space"),
    "layers_found": N_("layers read as room outlines because their outlines hold texts"),
    "detected": N_("rooms found from the walls (to be checked)"),
    "two_labels": N_("spaces enclosed by walls that hold several labels (shared between them)"),
    "placeholder": N_("texts repeated as placeholders (not names)"),
    "array": N_("arrays of blocks (MINSERT) too large to read"),
    "area_check": N_("areas written in labels against the outlines drawn"),
    "xref": N_("external references (other drawings this one points to: not read)"),
}

MESSAGES = {
    # ---- units (layouts/dxf/units.py, layouts/dxf_import.py, layouts/dxf/build.py) ----
    "units.option_over_file": N_("the file says {file:unit} ($INSUNITS={code}) but --units {given} was given: "
                                 "read in {given:unit}"),
    "units.assumed_mm": N_("the drawing does not say its units ($INSUNITS is 0 or absent, as in every R12 file): "
                           "read in millimetres; if that is wrong, import again with --units m (or cm, in)"),
    "units.proposed": N_("{said}, but the plan would then be {size:m~} across{doors}: read in {unit:unit} "
                         "instead, which makes it {new_size:m~} across — if that is wrong, import again with "
                         "--units {was}"),
    "units.said_file": N_("the file says {unit:unit}"),
    "units.said_assumed": N_("the file does not say its units ({unit:unit} assumed)"),
    "units.said_read": N_("the drawing was read in {unit:unit}"),
    "units.door_swings": N_(", its door swings {size:~} units"),
    "units.from_areas": N_("{said}, but the {n} areas written in the room labels (such as '{area:m2}') agree with "
                           "the outlines only in {unit:unit}: read in {unit:unit} — if that is wrong, import again "
                           "with --units {was}"),
    "units.tiny": N_("the rooms are tiny (half of them under {median:m2.3}): the drawing is probably not in "
                     "{unit:unit}; import again with --units m (or cm)"),
    "units.huge": N_("the rooms are huge (half of them over {median:m2,.0}): the drawing is probably not in "
                     "{unit:unit}; import again with --units mm (or cm)"),
    # ---- the file (layouts/dxf_import.py, layouts/dxf/collect.py) ----
    "version.outside": N_("DXF version {version} is outside R12–R2018; read anyway, check the result"),
    "audit.error": N_("error: {text:audit}"),
    "audit.repaired": N_("repaired: {text:audit}"),
    "audit.more": N_("… and {n} more audit messages"),
    "error.block": N_("block {name:q} could not be exploded ({error})"),
    "array": N_("an array (MINSERT) of {copies:,} copies of block {name:q} is more than the {max:,} read: only "
                "its first copy was read — explode the array in the CAD program if its copies are rooms"),
    "xref": N_("external reference {name:q} ({where}), inserted {n} time(s): not read — its rooms are not in this "
               "import; bind it in the CAD program (or import that drawing on its own)"),
    "xref.found_at_path": N_("file {path:q} (found at that path)"),
    "xref.missing_at_path": N_("file {path:q} (not found at that path)"),
    "xref.found_beside": N_("file {path:q} (found beside this drawing)"),
    "xref.missing_beside": N_("file {path:q} (not found beside this drawing)"),
    "xref.no_path": N_("no file path given"),
    # ---- outlines (layouts/dxf/collect.py, layouts/dxf/detect.py, layouts/dxf/build.py) ----
    "open_outline": N_("an open polyline ({n} points) on a room layer: close it to make it a room"),
    "bad_outline.points": N_("a closed polyline with {n} distinct points is not a room"),
    "bad_outline.no_area": N_("a closed polyline with no area is not a room"),
    "bad_outline.room": N_("room {room}: the outline is not a simple polygon ({reason:geos}); imported as drawn — "
                           "redraw it"),
    "hatch": N_("no outline was drawn here: the hatch's boundary was used as the room outline"),
    "nested": N_("this outline lies inside the outline #{handle} ({layer}); both were imported as rooms: "
                 "delete one"),
    "overlap": N_("rooms {a} and {b} overlap by {area:m2.2}: redraw one of them"),
    "layers_found": N_("layer {layer:q}: {n} of its {total} closed outlines hold a text, so its outlines were read "
                       "as rooms (add a rule with role 'room' to make it sure, or role 'ignore' to leave them out)"),
    "unmapped_outline": N_("a closed outline on layer {layer:q}, which the mapping does not know: add "
                           "`- {{pattern: '{layer}', role: room}}` to a mapping file to import such outlines"),
    # ---- labels (layouts/dxf/detect.py, layouts/dxf/build.py) ----
    "placeholder": N_("the text {text:q} is written {n} times: read as a placeholder, not as a room name"),
    "label_layer": N_("text {text:q} on layer {layer:q}, which the mapping does not know, read as the label of "
                      "room {room} (it holds no other label)"),
    "text_unused": N_("text {text:q} inside room {room} is on layer {layer:q}, which the mapping does not know: "
                      "not read as a label (add a rule with role 'label')"),
    "text_outside": N_("text {text:q} is inside no room outline and {why}: not used"),
    "text_outside.no_wall_around": N_("no wall line encloses it"),
    "text_outside.no_walls": N_("the drawing has no wall lines to find a room from"),
    "label_conflict.bad_id": N_("room id {id:q} from the label is used twice or not a valid id (letters, digits, _ "
                                "and -): a new id was given"),
    "label_conflict.layer_use": N_("room {room}: the layer says {layer_use:useq} but the label {text:q} says "
                                   "{label_use:useq} ({words}); the layer's use was kept"),
    "label_conflict.no_group": N_("room {room} ({use:use}): no group in the label (HOMMES, FEMMES, GARÇONS, "
                                  "FILLES, FAMILLES); group left as 'all' — set it"),
    "label_conflict.groups": N_("room {room}: the label {text:q} names several groups ({groups:group}); group "
                                "left as 'all' — set it"),
    "label_conflict.offset": N_("room {room}: offset {offset:q} in its data is not a number; ignored"),
    "label_conflict.room_data": N_("room {room}: its CENTREPLAN data is not valid ({why}); read from its label "
                                   "instead"),
    "label_conflict.centre_data": N_("the drawing's centre properties are not valid ({why}); defaults used"),
    "label_conflict.population_data": N_("the drawing's population properties are not valid ({why}); population "
                                         "left empty"),
    "missing_beds": N_("room {room} ({use:use}): no number of beds in the label (e.g. '8 LITS'); beds set to 0 — "
                       "set them"),
    "use_unknown": N_("room {room}: no known word in the label {text:q}: use set to {use:useq} — set it"),
    "unlabelled": N_("room {room}: no text inside this outline; use set to {use:useq} — set its use and name"),
    "area_check.room": N_("room {room}: its label says {stated:m2} but its outline as drawn measures {drawn:m2.2} "
                          "({off:+pct}): check the outline (or the label)"),
    "area_check.summary": N_("{n} room label(s) state an area: {agree} agree with the outline as drawn within "
                             "{tolerance:pct}{then}"),
    "area_check.other_unit": N_("; they would agree if the drawing were in {unit:unit} (--units {unit})"),
    # ---- walls (layouts/dxf/build.py, layouts/dxf/detect.py) ----
    "walls.not_split": N_("walls could not be split between rooms ({error}); outlines kept as drawn"),
    "walls.grown": N_("room {room}: grown by {gained:m2.2} to the centre of its walls (drawn area {drawn:m2.2}, "
                      "now {now:m2.2})"),
    "walls.failed": N_("rooms could not be found from the walls ({error}): only the drawn outlines were read; give "
                       "a mapping file (--map) that ignores the layers that are not walls"),
    "walls.too_many_lines": N_("the drawing has more than {max:,} lines: rooms were not looked for between its walls "
                               "(only drawn outlines were read); give a mapping file (--map) that ignores the "
                               "layers that are not walls"),
    "walls.holes": N_("a space enclosed by walls{label} surrounds {n} other room(s) or block(s): a room cannot have "
                      "holes, so a {cut:cm.0} cut joins each to its outline — check it"),
    "walls.holes_label": N_(" ({text:q})"),
    "detected": N_("{n} room(s) found from the walls ({chosen:t}: {lines} lines on {layers}{etc}); {doors} door "
                   "swing(s) and {gaps} bare gap(s) closed, {ends} loose end(s) joined — each is marked in its "
                   "notes: check them"),
    "walls.object_outline": N_("a closed outline on layer {layer:q}, {area:m2.2} and under {width:cm.0} wide (a run "
                               "of worktops, a bench), is not a room: its floor was joined to the room around it"),
    "walls.lattice": N_("{n} line(s) on the wall layers in rows at one spacing of {period:cm.0} or less "
                        "(floorboards, stair treads, paving drawn as lines) were not taken for walls"),
    "walls.over_plan": N_("{n} line(s) on the wall layers run through a wall (drawn over the plan: a shelf, the "
                          "outline of a floor above) and were not taken for walls — check the rooms they cross"),
    "walls.glazed": N_("{n} space(s) under {width:cm.0} wide closed mostly by panes (the inside of a glazed wall, a "
                       "showcase) are not rooms"),
    "two_labels.cut": N_("this space enclosed by walls holds the labels {labels:q}: it was cut between them along "
                         "the line of its walls across {n} opening(s) ({widths:.2} m wide) — check where each room "
                         "ends"),
    "two_labels": N_("this space enclosed by walls holds the labels {labels:q}: no line separates them, so it was "
                     "shared between them by nearest distance into {n} rooms — check where each one ends, or draw "
                     "the separation"),
    # ---- several drawings (layouts/dxf/build.py, layouts/dxf/clusters.py) ----
    "clusters.outlines_outside": N_("{n} outline(s) outside the region given with --region: left out"),
    "clusters.rooms_outside": N_("{n} room(s) found outside the region given with --region {region}: left out"),
    "clusters.several": N_("the model space holds {n} separate drawings; imported the plan at {at} (most labels and "
                           "door swings); left out: {others}{more} — choose another with --region X0,Y0,X1,Y1 "
                           "(metres)"),
    "clusters.place": N_("x {x0}…{x1}, y {y0}…{y1} m"),
    "clusters.place_spaces": N_("{place} ({n} spaces)"),
    "clusters.more": N_(" and {n} more"),
    # ---- doors and windows (layouts/dxf/openings.py) ----
    "door.data_unreadable": N_("the door's CENTREPLAN data is not readable ({error}); placed from its drawing "
                               "instead"),
    "door.data_unknown_room": N_("door {door}: room {rooms} named in its data is not in the drawing; placed from "
                                 "its drawing instead"),
    "door.no_room": N_("a door, but no room outline to put it in: not placed"),
    "door.far": N_("a door {width:m.2} wide is {dist:m.2} from the nearest wall (more than {reach:m.2}): not "
                   "placed"),
    "door_outside": N_("door {door} ({width:m.2}) is on an outer wall of room {room}: imported as a door to outside "
                       "(an exit); if it opens onto a room that is not drawn, draw that room"),
    "window.data": N_("a window whose CENTREPLAN data names no room of the drawing or is not readable: not "
                      "attached"),
    "window.no_rooms": N_("a window {width:m.2} wide, but there are no rooms"),
    "window.far": N_("a window symbol {width:m.2} wide is {dist:m.2} from the nearest room: not attached"),
    "window.set": N_("room {room}: {n} window(s) {widths:.2} m wide, height {height:m} from the mapping; "
                     "openable assumed — check"),
    "window.notes_only": N_("room {room}: {n} window(s) {widths:.2} m wide found; the plan gives no height, so "
                            "they are listed in the room's notes only — set windows with their heights"),
    # ---- the imported plan checked (planner.geometry problems, layouts/dxf/build.py) ----
    "geometry.invalid": N_("room {room}: the outline is not a valid polygon ({reason:geos})"),
    "geometry.door_no_area": N_("door {door}: room {room} has no area (see its outline); the door cannot be "
                                "placed"),
    "geometry.door_off_outline": N_("door {door}: it is {dist:m.2} from the outline of room {room}; a door to "
                                    "outside must lie on it"),
    "geometry.door_levels": N_("door {door}: rooms {a} and {b} do not touch (they are on different levels)"),
    "geometry.door_no_wall": N_("door {door}: rooms {a} and {b} do not touch (their outlines share no wall)"),
    "geometry.door_wall_short": N_("door {door}: the wall shared by {a} and {b} is {length:m.2} long, shorter than "
                                   "the door's {width:m.2}"),
}

# What ezdxf's audit found or repaired, by its code (ezdxf.audit.AuditError): English prints ezdxf's own
# message, other languages this phrase and the entity or line it names.
AUDIT_CODES = {
    "MISSING_REQUIRED_ROOT_DICT_ENTRY": N_("a required entry of the root dictionary was missing"),
    "DUPLICATE_TABLE_ENTRY_NAME": N_("a table entry name was used twice"),
    "POINTER_TARGET_NOT_EXIST": N_("a reference pointed to an object that does not exist"),
    "TABLE_NOT_FOUND": N_("a table was missing"),
    "MISSING_SECTION_TAG": N_("a section tag was missing"),
    "MISSING_SECTION_NAME_TAG": N_("a section name tag was missing"),
    "MISSING_ENDSEC_TAG": N_("an end of section tag was missing"),
    "FOUND_TAG_OUTSIDE_SECTION": N_("a tag stood outside every section"),
    "REMOVED_UNSUPPORTED_SECTION": N_("an unsupported section was removed"),
    "REMOVED_UNSUPPORTED_TABLE": N_("an unsupported table was removed"),
    "REMOVED_INVALID_GRAPHIC_ENTITY": N_("an invalid graphic entity was removed"),
    "REMOVED_INVALID_DXF_OBJECT": N_("an invalid DXF object was removed"),
    "REMOVED_STANDALONE_ATTRIB_ENTITY": N_("a block attribute standing alone was removed"),
    "MISPLACED_ROOT_DICT": N_("the root dictionary was misplaced"),
    "ROOT_DICT_NOT_FOUND": N_("the root dictionary was missing"),
    "REMOVED_ENTITY_WITH_INVALID_OWNER_HANDLE": N_("an entity without a valid owner was removed"),
    "MODELSPACE_NOT_FOUND": N_("the model space was missing"),
    "ACTIVE_PAPERSPACE_LAYOUT_NOT_FOUND": N_("the active paper space layout was missing"),
    "UNDEFINED_LINETYPE": N_("a line type was not defined"),
    "UNDEFINED_DIMENSION_STYLE": N_("a dimension style was not defined"),
    "UNDEFINED_TEXT_STYLE": N_("a text style was not defined"),
    "UNDEFINED_BLOCK": N_("a block was not defined"),
    "INVALID_BLOCK_REFERENCE_CYCLE": N_("blocks referenced each other in a loop"),
    "REMOVE_EMPTY_GROUP": N_("an empty group was removed"),
    "GROUP_ENTITIES_IN_DIFFERENT_LAYOUTS": N_("a group held entities of different layouts"),
    "MISSING_REQUIRED_SEQEND": N_("an end of sequence (SEQEND) was missing"),
    "ORPHANED_LAYOUT_ENTITY": N_("an entity belonged to no layout"),
    "ORPHANED_PAPER_SPACE_BLOCK_RECORD_ENTITY": N_("a paper space block record belonged to no layout"),
    "INVALID_TABLE_HANDLE": N_("a table entry had an invalid handle"),
    "DECODING_ERROR": N_("characters that could not be decoded were replaced"),
    "CREATED_MISSING_OBJECT": N_("a missing object was created"),
    "RESET_MLINE_STYLE": N_("a multiline style was reset"),
    "INVALID_GROUP_ENTITIES": N_("a group held invalid entities"),
    "UNDEFINED_BLOCK_NAME": N_("a block name was not defined"),
    "INVALID_INTEGER_VALUE": N_("an integer value was invalid"),
    "INVALID_FLOATING_POINT_VALUE": N_("a decimal value was invalid"),
    "MISSING_PERSISTENT_REACTOR": N_("a persistent reactor was missing"),
    "BLOCK_NAME_MISMATCH": N_("a block's names did not match"),
    "INVALID_ENTITY_HANDLE": N_("an entity had an invalid handle"),
    "INVALID_OWNER_HANDLE": N_("an entity had an invalid owner"),
    "INVALID_LAYER_NAME": N_("a layer name was invalid"),
    "INVALID_COLOR_INDEX": N_("a colour index was invalid"),
    "INVALID_LINEWEIGHT": N_("a line weight was invalid"),
    "INVALID_MLINESTYLE_HANDLE": N_("a multiline style reference was invalid"),
    "INVALID_DIMSTYLE": N_("a dimension style was invalid"),
    "INVALID_EXTRUSION_VECTOR": N_("an extrusion vector was invalid"),
    "INVALID_MAJOR_AXIS": N_("an ellipse's major axis was invalid"),
    "INVALID_VERTEX_COUNT": N_("a number of vertices was invalid"),
    "INVALID_DICTIONARY_ENTRY": N_("a dictionary entry was invalid"),
    "INVALID_CHARACTER": N_("a character was invalid"),
    "INVALID_MLINE_VERTEX": N_("a multiline vertex was invalid"),
    "INVALID_MLINESTYLE_ELEMENT_COUNT": N_("a multiline style had an invalid number of elements"),
    "INVALID_SPLINE_DEFINITION": N_("a spline was invalid"),
    "INVALID_SPLINE_CONTROL_POINT_COUNT": N_("a spline had an invalid number of control points"),
    "INVALID_SPLINE_FIT_POINT_COUNT": N_("a spline had an invalid number of fit points"),
    "INVALID_SPLINE_KNOT_VALUE_COUNT": N_("a spline had an invalid number of knots"),
    "INVALID_SPLINE_WEIGHT_COUNT": N_("a spline had an invalid number of weights"),
    "INVALID_DIMENSION_GEOMETRY_LOCATION": N_("a dimension's geometry was misplaced"),
    "INVALID_TRANSPARENCY": N_("a transparency was invalid"),
    "INVALID_CREASE_VALUE_COUNT": N_("a mesh had an invalid number of crease values"),
    "INVALID_ELLIPSE_RATIO": N_("an ellipse's axis ratio was invalid"),
    "INVALID_HATCH_BOUNDARY_PATH": N_("a hatch boundary was invalid"),
    "TAG_ATTRIBUTE_MISSING": N_("a block attribute tag was missing"),
    "INVALID_MESH_DATA": N_("a mesh's data was invalid"),
}

# Why a drawing or an option is refused (raised as Refused, a DxfImportError: nothing is imported).
REFUSALS = {
    "file.missing": N_("{name}: no such file"),
    "file.unreadable": N_("{name}: cannot read the file ({error})"),
    "file.folder": N_("{name}: is a folder, not a DXF file"),
    "file.special": N_("{name}: is not a regular file (a pipe, a device or a socket); save the drawing as a file"),
    "file.empty": N_("{name}: the file is empty"),
    "file.too_large": N_("{name}: the file is {mib:.0} MiB; DXF plans larger than {max} MiB are refused (purge "
                         "unused blocks and layers, or export only the floor plan)"),
    "file.binary_truncated": N_("{name}: the binary DXF file ends without its EOF marker: it is truncated"),
    "file.binary": N_("{name}: this is a binary file, not a DXF drawing (DXF is text, or binary DXF starting with "
                      "'AutoCAD Binary DXF')"),
    "file.not_dxf": N_("{name}: not a DXF drawing (no 'SECTION' at the start of the file)"),
    "file.truncated": N_("{name}: the file ends without the DXF 'EOF' marker: it is truncated or was not saved "
                         "completely; save or export the drawing again (nothing was imported)"),
    "file.unrecoverable": N_("{name}: ezdxf could not recover this drawing ({error})"),
    "file.block_loop": N_("{name}: the drawing's blocks reference each other in a loop"),
    "upload.too_large": N_("{name}: the file is {mib:.0} MiB; DXF plans larger than {max} MiB are refused"),
    "too_many.rooms": N_("{name}: {n:,} rooms is more than the {max:,} a layout may hold; give a mapping file "
                         "(--map) whose room layers hold only rooms, or split the plan"),
    "too_many.outlines": N_("{name}: {n:,} room outlines is more than the {max:,} a layout may hold; give a "
                            "mapping file (--map) whose room layers hold only rooms, or split the plan"),
    "option.output_suffix": N_("-o: {name:q}: the layout file name must end in .yaml, .yml or .json"),
    "option.output_is_plan": N_("-o: the layout would overwrite the DXF plan; choose another file name"),
    "option.region_numbers": N_("--region: {text:q} is not four numbers X0,Y0,X1,Y1 (metres, decimal points)"),
    "option.region_order": N_("--region: {region} is not X0,Y0,X1,Y1 with X0 < X1 and Y0 < Y1 (metres)"),
    "option.max_wall": N_("--max-wall: must be 0 or more metres, got {wall}"),
    "option.units": N_("--units: {units:q} is not a unit this importer reads; choose one of: {choices}"),
    "units.unknown_code": N_("$INSUNITS={code} is a unit this importer does not convert; give the drawing's unit "
                             "with --units ({choices})"),
    "mapping.missing": N_("{name}: no such mapping file"),
    "mapping.unreadable": N_("{name}: cannot read the mapping file ({error})"),
    "mapping.yaml": N_("{name}: not valid YAML{where}: {error}"),
    "mapping.yaml_at": N_(" at line {line}, column {column}"),
    "mapping.not_a_mapping": N_("{name}: a mapping file is a YAML mapping (layers:, uses:, …), got {type}"),
    "cli.error": N_("centreplan: error: {message}"),
}

# The layer of the rooms found between walls (layouts/dxf/detect.py), which no drawing has.
WALLS_LAYER = N_("(walls)")

# The words of the report around the items (layouts/dxf/report.py).
WORDS = {
    "head": N_("Import of {source} (DXF {version})"),
    "units": N_("units: {unit:unit} ({how}); 1 drawing unit = {scale:m}"),
    "units.file": N_("from $INSUNITS"),
    "units.option": N_("given with --units"),
    "units.assumed": N_("ASSUMED, the file does not say"),
    "units.drawing": N_("PROPOSED from the sizes in the drawing, see below"),
    "read": N_("read: {n} entities in model space ({types})"),
    "none": N_("none"),
    "audit": N_("DXF audit: {errors} errors, {fixes} fixes"),
    "imported": N_("imported: {rooms} rooms ({area:m2.2}), {doors} doors, {windows} windows found"),
    "no_room": N_("NO ROOM WAS IMPORTED. What to try:"),
    "to_check": N_("to check ({n}):"),
    "ignored": N_("not imported, on known layers ({n} entities):"),
    "unknown_layers": N_("unknown layers, not in the mapping ({layers} layers, {n} entities; add a rule to the "
                         "mapping file to use them):"),
    "all_understood": N_("everything in the drawing was understood."),
    "section": N_("{title} ({n}):"),
    "audit.entity": N_("{what} ({entity})"),
    "audit.line": N_("{what} (near line {line})"),
    "where.entity": N_("{entity} #{handle}"),
    "where.on_layer": N_("{what} on layer {layer}"),
    "where.layer": N_("layer {layer}"),
    "where.at": N_("at ({x:.2}, {y:.2})"),
    "where.item": N_("{where}: {message}"),
    "ignored.entry": N_("{type} on {layer} ({role})"),
    # what to try when no room came out
    "try.map": N_("name the layers that hold the room outlines or the walls in a mapping file (--map, role room or "
                  "wall); layers not in the mapping: {layers}{etc}"),
    "try.walls": N_("no space enclosed by walls was found: the walls may have gaps wider than a door ({gap:m.2}) or "
                    "be on layers the mapping ignores"),
    "try.units_assumed": N_("the units were assumed ({unit:unit}): give them with --units"),
    "try.units_guessed": N_("the units were guessed ({unit:unit}): give them with --units"),
    "try.region": N_("the model space holds several drawings: choose the plan with --region X0,Y0,X1,Y1"),
    "try.draw": N_("or draw each room as a closed polyline on a layer named like ROOM, PIECE or LOCAL, with its "
                   "name as a text inside it"),
    # the command line (layouts/cli.py)
    "cli.none": N_("no room was found in {dxf}: {out} was not written (see what to try above)"),
    "cli.wrote": N_("wrote {out} ({rooms} rooms, {doors} doors); {n} point(s) to check above"),
}

_SPEC = re.compile(r"(?P<sign>\+)?(?P<unit>[A-Za-z_][A-Za-z0-9_]*)?(?P<comma>,)?(?:\.(?P<digits>\d)|(?P<sig>~))?")


def _lang(lang: str) -> str:
    return lang if lang in LANGS else "en"


def translate(msgid: str, lang: str) -> str:
    """``msgid`` (an English text marked with ``N_``) in ``lang``; the English text when it has none."""
    return catalogue(_lang(lang), DOMAIN).get(msgid, msgid)


def _sig(x: float) -> int:
    """The decimals that show 3 significant digits of ``x`` (none from 100 up)."""
    return 0 if x == 0 else min(9, max(0, 2 - math.floor(math.log10(abs(x)))))


def _trimmed(text: str, lang: str) -> str:
    point = "," if lang == "fr" else "."
    return text.rstrip("0").rstrip(point) if point in text else text


def _number(x: float, lang: str, digits: int | None, grouping: bool, sig: bool = False) -> str:
    """A number: ``digits`` decimals, or 3 significant digits, or up to 4 decimals (trailing zeros dropped)."""
    group = grouping or lang != "en"
    if digits is not None:
        return numbers.number(x, lang, digits, grouping=group)
    return _trimmed(numbers.number(x, lang, _sig(x) if sig else 4, grouping=group), lang)


def _quote(text: str, lang: str) -> str:
    return f"« {text} »" if lang == "fr" else repr(text)


def _geos(reason: str, lang: str) -> str:
    """Why an outline is not a valid polygon (GEOS's words, planner.geometry.validity_reason) in ``lang``:
    the standards' own phrases for it."""
    if lang == "en":
        return reason
    from centreplan.standards.kinds.integrity import outline_problem
    from centreplan.standards.render import text

    return text(outline_problem(reason), lang)


def _audit(v: Any, lang: str) -> str:
    """One finding of ezdxf's audit (``{"code", "message", "entity", "line"}``) in ``lang``."""
    if not isinstance(v, dict):
        return str(v)
    code = v.get("code")
    if lang == "en" or code not in AUDIT_CODES:
        return str(v.get("message", ""))
    what = translate(AUDIT_CODES[code], lang)
    if v.get("entity"):
        return render("audit.entity", {"what": what, "entity": v["entity"]}, lang)
    if v.get("line"):
        return render("audit.line", {"what": what, "line": v["line"]}, lang)
    return what


def audit_finding(err: Any) -> dict[str, Any]:
    """What :func:`_audit` needs of an ezdxf ``AuditError``: its code, message, entity and line."""
    message = str(getattr(err, "message", err))
    code = getattr(getattr(err, "code", None), "name", None)
    entity = getattr(err, "entity", None)
    line = re.search(r"line (\d+)", message)
    return {"code": code, "message": message, "entity": str(entity) if entity is not None else None,
            "line": int(line.group(1)) if line else None}


def _unit_word(v: Any, lang: str) -> str:
    from centreplan.layouts.dxf.units import UNIT_WORDS  # units raises Refused: imported when used

    return translate(UNIT_WORDS[v], lang) if v in UNIT_WORDS else str(v)


def _use(v: Any, lang: str, quoted: bool = False) -> str:
    name = str(v) if lang == "en" else vocabulary.name("uses", str(v), lang)
    return _quote(name, lang) if quoted else name


# the placeholders whose spec names a kind of word rather than a number format
_WORDS = {
    "q": lambda v, lang: _quote(str(v), lang),
    "unit": lambda v, lang: _unit_word(v, lang),
    "use": _use,
    "useq": lambda v, lang: _use(v, lang, quoted=True),
    "group": lambda v, lang: str(v) if lang == "en" else vocabulary.name("groups", str(v), lang),
    "t": lambda v, lang: translate(str(v), lang),
    "geos": lambda v, lang: _geos(str(v), lang),
    "audit": lambda v, lang: _audit(v, lang),
}


def _amount(v: float, spec: str, lang: str) -> str:
    """A number by its spec: decimals, significant digits, thousands, sign and unit (see the module doc)."""
    m = _SPEC.fullmatch(spec)
    if m is None:
        raise ValueError(f"{spec!r} is not a format of the import report's messages")
    digits = int(m["digits"]) if m["digits"] else None
    sign = "+" if m["sign"] and v > 0 else ""
    if m["unit"] == "pct":
        return sign + numbers.percent(float(v), lang, digits or 0)
    if isinstance(v, int) and digits is None and not m["sig"] and not m["unit"]:
        return numbers.integer(v, lang, grouping=bool(m["comma"]) or lang != "en")
    text = sign + _number(float(v), lang, digits, bool(m["comma"]), bool(m["sig"]))
    if not m["unit"]:
        return text
    return f"{text}{numbers.NBSP if lang == 'fr' else ' '}{vocabulary.unit_name(m['unit'], float(v), lang)}"


def _write(v: Any, spec: str, lang: str) -> str:
    """One value written in ``lang`` by its format spec (the grammar of the module doc)."""
    if isinstance(v, dict) and "key" in v:
        return render(v["key"], v.get("params") or {}, lang)
    if isinstance(v, (list, tuple)):
        if v and isinstance(v[0], dict):
            return "; ".join(render(x["key"], x.get("params") or {}, lang) for x in v)
        sep = " ; " if lang == "fr" and any(isinstance(x, float) for x in v) else ", "  # 1,20 ; 0,90
        return sep.join(_write(x, spec, lang) for x in v)
    if spec in _WORDS:
        return _WORDS[spec](v, lang)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    return _amount(v, spec, lang)


def render(key: str, params: dict[str, Any], lang: str = "en") -> str:
    """The message ``key`` (of :data:`MESSAGES`, :data:`WORDS` or :data:`REFUSALS`) with ``params``, in ``lang``."""
    template = MESSAGES.get(key) or WORDS.get(key) or REFUSALS[key]
    return render_text(translate(template, lang), params, lang)


def render_text(template: str, params: dict[str, Any], lang: str = "en") -> str:
    """``template`` (already in ``lang``) filled with ``params`` written in ``lang``."""
    lg = _lang(lang)
    return numbers.fill(template, params, lg, _write)


def value(v: Any, lang: str = "en", spec: str = "") -> str:
    """One value written in ``lang`` as a placeholder with format ``spec`` would be (``1 234`` in French)."""
    return _write(v, spec, _lang(lang))


class Refused(DxfImportError):
    """A drawing or an option refused: a key of :data:`REFUSALS` and its values; ``str()`` is the English
    message, :meth:`text` the message in any language."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(render(key, params, "en"))

    def text(self, lang: str = "en") -> str:
        return render(self.key, self.params, lang)

    def renamed(self, old: str, new: str) -> Refused:
        """The same refusal naming the file ``new`` where it named ``old`` (an upload's temporary copy)."""
        return Refused(self.key, **{k: v.replace(old, new) if isinstance(v, str) else v
                                    for k, v in self.params.items()})


def error_text(e: Exception, lang: str = "en") -> str:
    """An import error in ``lang`` (a refusal of this importer in any language; others as they are)."""
    return e.text(lang) if isinstance(e, Refused) else str(e)


def sub(key: str, **params: Any) -> dict[str, Any]:
    """A message put inside another one (``{"key": …, "params": …}``, as the report's JSON holds it)."""
    if key not in MESSAGES and key not in REFUSALS:
        raise KeyError(f"no import report message {key!r}")
    return {"key": key, "params": params}
