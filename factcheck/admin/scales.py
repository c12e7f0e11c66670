"""Admin views: rating scales and their ratings (labels, order, colours, retiring, the active scale per language)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from factcheck.admin.admin_forms import (
    ActionForm,
    MoveForm,
    RatingForm,
    ScaleForm,
    require_button,
)
from factcheck.admin.blueprint import bp
from factcheck.languages import LANGUAGES
from factcheck.services.admin import scale_admin
from factcheck.services.core.errors import InvalidInput
from factcheck.web import require_permission


def _actor():
    return current_user._get_current_object()


def _rating_spec(form: RatingForm) -> scale_admin.RatingSpec:
    return scale_admin.RatingSpec(label=form.label.data, value=form.value.data, colour=form.colour.data,
                                  description=form.description.data or "")


def _scale_page(scale_id: int, *, form=None, rating_form=None, status: int = 200):
    scale = scale_admin.get_scale(scale_id)
    form = form or ScaleForm(data={"name": scale.name, "description": scale.description,
                                   "language": scale.language})
    return render_template("admin/scale_detail.html", scale=scale, form=form,
                           rating_form=rating_form or RatingForm(), usage=scale_admin.rating_usage(scale.id),
                           action=ActionForm(), move=MoveForm()), status


@bp.route("/scales")
@require_permission("scales.manage")
def scales():
    return render_template("admin/scales.html", rows=scale_admin.list_scales(), form=ScaleForm(),
                           action=ActionForm())


@bp.route("/scales/new", methods=["POST"])
@require_permission("scales.manage")
def create_scale():
    form = ScaleForm()
    if form.validate_on_submit():
        try:
            scale = scale_admin.create_scale(_actor(), name=form.name.data, description=form.description.data,
                                             language=form.language.data)
        except InvalidInput as exc:
            form.name.errors.append(str(exc))
        else:
            flash(_("Scale “%(name)s” created. Add its ratings, then make it the active scale.", name=scale.name),
                  "success")
            return redirect(url_for("admin.scale_detail", scale_id=scale.id))
    return render_template("admin/scales.html", rows=scale_admin.list_scales(), form=form,
                           action=ActionForm()), 422


@bp.route("/scales/<int:scale_id>", methods=["GET", "POST"])
@require_permission("scales.manage")
def scale_detail(scale_id: int):
    scale_admin.get_scale(scale_id)
    if request.method == "POST":
        form = ScaleForm()
        if form.validate():
            try:
                scale_admin.update_scale(_actor(), scale_id, name=form.name.data, description=form.description.data,
                                         language=form.language.data)
            except InvalidInput as exc:
                form.name.errors.append(str(exc))
            else:
                flash(_("Scale saved."), "success")
                return redirect(url_for("admin.scale_detail", scale_id=scale_id))
        return _scale_page(scale_id, form=form, status=422)
    return _scale_page(scale_id)


@bp.route("/scales/<int:scale_id>/activate", methods=["POST"])
@require_permission("scales.manage")
def activate_scale(scale_id: int):
    scale_admin.get_scale(scale_id)
    require_button(ActionForm())
    scale = scale_admin.activate_scale(_actor(), scale_id)
    flash(_("“%(name)s” is now the scale offered for new verdicts in %(language)s.", name=scale.name,
            language=LANGUAGES[scale.language]), "success")
    return redirect(url_for("admin.scale_detail", scale_id=scale_id))


@bp.route("/scales/<int:scale_id>/ratings", methods=["POST"])
@require_permission("scales.manage")
def add_rating(scale_id: int):
    scale = scale_admin.get_scale(scale_id)
    form = RatingForm()
    if form.validate_on_submit():
        try:
            scale_admin.add_rating(_actor(), scale.id, _rating_spec(form))
        except InvalidInput as exc:
            form.form_errors.append(str(exc))
        else:
            flash(_("Rating added."), "success")
            return redirect(url_for("admin.scale_detail", scale_id=scale.id))
    return _scale_page(scale.id, rating_form=form, status=422)


@bp.route("/scales/<int:scale_id>/ratings/<int:rating_id>", methods=["GET", "POST"])
@require_permission("scales.manage")
def edit_rating(scale_id: int, rating_id: int):
    scale = scale_admin.get_scale(scale_id)
    rating = scale_admin.get_rating(scale_id, rating_id)
    status = 200
    if request.method == "POST":
        form = RatingForm()
        if form.validate():
            try:
                scale_admin.update_rating(_actor(), scale_id, rating_id, _rating_spec(form))
            except InvalidInput as exc:
                form.form_errors.append(str(exc))
            else:
                flash(_("Rating saved. Verdicts already written keep the label they were saved with."), "success")
                return redirect(url_for("admin.scale_detail", scale_id=scale_id))
        status = 422
    else:
        form = RatingForm(data={"label": rating.label, "value": rating.value, "colour": rating.colour,
                                "description": rating.description})
    return render_template("admin/rating_form.html", scale=scale, rating=rating, form=form,
                           used_by=scale_admin.rating_usage(scale_id).get(rating.id, 0), action=ActionForm()), status


@bp.route("/scales/<int:scale_id>/ratings/<int:rating_id>/move", methods=["POST"])
@require_permission("scales.manage")
def move_rating(scale_id: int, rating_id: int):
    scale_admin.get_rating(scale_id, rating_id)
    form = MoveForm()
    require_button(form)
    scale_admin.move_rating(_actor(), scale_id, rating_id, form.direction.data)
    return redirect(url_for("admin.scale_detail", scale_id=scale_id, _anchor="ratings"))


@bp.route("/scales/<int:scale_id>/ratings/<int:rating_id>/retire", methods=["POST"])
@require_permission("scales.manage")
def retire_rating(scale_id: int, rating_id: int):
    scale_admin.get_rating(scale_id, rating_id)
    require_button(ActionForm())
    rating = scale_admin.set_retired(_actor(), scale_id, rating_id, True)
    flash(_("“%(label)s” is retired: no longer offered, still shown on the verdicts that use it.", label=rating.label),
          "success")
    return redirect(url_for("admin.scale_detail", scale_id=scale_id, _anchor="ratings"))


@bp.route("/scales/<int:scale_id>/ratings/<int:rating_id>/restore", methods=["POST"])
@require_permission("scales.manage")
def restore_rating(scale_id: int, rating_id: int):
    scale_admin.get_rating(scale_id, rating_id)
    require_button(ActionForm())
    rating = scale_admin.set_retired(_actor(), scale_id, rating_id, False)
    flash(_("“%(label)s” is offered again.", label=rating.label), "success")
    return redirect(url_for("admin.scale_detail", scale_id=scale_id, _anchor="ratings"))


@bp.route("/scales/<int:scale_id>/ratings/<int:rating_id>/delete", methods=["POST"])
@require_permission("scales.manage")
def delete_rating(scale_id: int, rating_id: int):
    scale_admin.get_rating(scale_id, rating_id)
    require_button(ActionForm())
    scale_admin.delete_rating(_actor(), scale_id, rating_id)
    flash(_("Rating deleted."), "success")
    return redirect(url_for("admin.scale_detail", scale_id=scale_id, _anchor="ratings"))
