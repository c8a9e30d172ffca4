"""The computed situational picture: parameters, data loading, computation, caching.

* ``params.PictureParams`` — period, areas and categories.
* ``data.load_picture_data`` — the incidents a data scope may read, as arrays (through
  ``samtrygg.incidents.adapters``) plus a few grouped counts.
* ``compute.compute_picture`` — every figure, by calling ``samtrygg.analysis``.
* ``service.picture_for_user`` / ``picture_for_scope`` — cached per parameters and data
  scope, invalidated when incidents, areas or categories change.
"""
